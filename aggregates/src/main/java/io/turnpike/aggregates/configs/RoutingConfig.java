package io.turnpike.aggregates.configs;

import io.turnpike.aggregates.ConflictException;
import io.turnpike.aggregates.NotFoundException;
import io.turnpike.aggregates.ValidationException;
import io.turnpike.aggregates.rules.References;
import io.turnpike.aggregates.rules.Rules;
import io.turnpike.aggregates.rules.StreamIds;
import io.turnpike.events.admin.ConfigCreated;
import io.turnpike.events.admin.ConfigRolledBack;
import io.turnpike.events.admin.ConfigUpdated;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;

import java.util.ArrayList;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A versioned routing config: created at version 1, each update or rollback adds one. Keys always route by the
 * newest. It remembers every version's document so that a rollback copies exactly what was stored.
 * <p>
 * Revision 2 added the document history; the revision makes Axon ignore older snapshots (which lack it) and replay
 * the events instead.
 */
@Revision("2")
public class RoutingConfig {
    @AggregateIdentifier
    private String aggregateId;
    private String configId;
    private int version;
    /** Documents by version: index 0 holds version 1. */
    private List<String> documents = new ArrayList<>();

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

    /**
     * Rolling back to the current version is refused (it would add a version identical to the newest); an unknown
     * version is not found. The restored document must still be valid today: a provider it names may be gone.
     */
    @CommandHandler
    void handle(RollbackConfigCommand command, References references) {
        int target = command.toVersion();
        if (target < 1 || target > version) {
            throw new NotFoundException("config '" + configId + "' has no version " + target
                    + " (versions are 1 to " + version + ")");
        }
        if (target == version) {
            throw new ValidationException("version", "is already the current version of config '" + configId + "'");
        }
        String document = documents.get(target - 1);
        ConfigDocument.validate(document, references);
        Rules.requireActor(command.actor());
        apply(new ConfigRolledBack(configId, version + 1, target, document, command.actor(),
                GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(ConfigCreated event) {
        aggregateId = StreamIds.config(event.configId());
        configId = event.configId();
        version = event.version();
        documents.add(event.document());
    }

    @EventSourcingHandler
    void on(ConfigUpdated event) {
        version = event.version();
        documents.add(event.document());
    }

    @EventSourcingHandler
    void on(ConfigRolledBack event) {
        version = event.version();
        documents.add(event.document());
    }
}
