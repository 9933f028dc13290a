package io.turnpike.aggregates;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create a routing config at version 1. */
record CreateConfigCommand(String configId, String document, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.config(configId);
    }
}
