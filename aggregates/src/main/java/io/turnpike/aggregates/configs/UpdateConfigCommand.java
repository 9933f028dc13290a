package io.turnpike.aggregates.configs;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a routing config's document, producing the next version. */
public record UpdateConfigCommand(String configId, String document, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.config(configId);
    }
}
