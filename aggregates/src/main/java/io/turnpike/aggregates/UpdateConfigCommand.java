package io.turnpike.aggregates;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a routing config's document, producing the next version. */
record UpdateConfigCommand(String configId, String document, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.config(configId);
    }
}
