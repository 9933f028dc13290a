package io.turnpike.aggregates;

import io.turnpike.events.admin.ConfigCreated;
import io.turnpike.events.admin.ConfigUpdated;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A versioned routing config: created at version 1, each update adds one. Keys always route by the newest. */
class RoutingConfig {
    @AggregateIdentifier
    private String aggregateId;
    private String configId;
    private int version;

    RoutingConfig() {
        // Axon creates the empty aggregate, then replays or handles the creating command.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CreateConfigCommand command, References references) {
        if (aggregateId != null) {
            throw new ConflictException("config '" + command.configId() + "' already exists");
        }
        Rules.requireId("configs.id", command.configId());
        ConfigDocument.validate(command.document(), references);
        Rules.requireActor(command.actor());
        apply(new ConfigCreated(command.configId(), 1, command.document(), command.actor(),
                GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    void handle(UpdateConfigCommand command, References references) {
        ConfigDocument.validate(command.document(), references);
        Rules.requireActor(command.actor());
        apply(new ConfigUpdated(configId, version + 1, command.document(), command.actor(),
                GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(ConfigCreated event) {
        aggregateId = StreamIds.config(event.configId());
        configId = event.configId();
        version = event.version();
    }

    @EventSourcingHandler
    void on(ConfigUpdated event) {
        version = event.version();
    }
}
