package io.turnpike.aggregates.pricing;

import io.turnpike.aggregates.ConflictException;
import io.turnpike.aggregates.rules.Rules;
import io.turnpike.aggregates.rules.StreamIds;
import io.turnpike.events.admin.PriceTablePublished;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The installation's price tables, overriding the shipped pricing file. Versions are never reused, so a cost
 * recorded with a version always means the same prices.
 */
public class PriceBook {
    @AggregateIdentifier
    private String aggregateId;
    private final Set<String> versions = new HashSet<>();

    PriceBook() {
        // Axon creates the empty aggregate, then replays or handles the first command.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(PublishPriceTableCommand command) {
        String version = PriceDocument.validate(command.document());
        if (versions.contains(version)) {
            throw new ConflictException("price table version '" + version
                    + "' was already published; publish changes under a new version");
        }
        Rules.requireActor(command.actor());
        apply(new PriceTablePublished(version, command.document(), command.actor(),
                GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(PriceTablePublished event) {
        aggregateId = StreamIds.priceBook();
        versions.add(event.version());
    }
}
