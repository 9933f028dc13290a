package io.turnpike.aggregates.configs;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create a routing config at version 1. */
public record CreateConfigCommand(String configId, String document, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.config(configId);
    }
}
