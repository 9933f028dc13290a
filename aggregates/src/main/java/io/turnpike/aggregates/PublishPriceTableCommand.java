package io.turnpike.aggregates;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Publish a price table (the pricing file's JSON shape); its {@code version} must be new. */
record PublishPriceTableCommand(String document, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.priceBook();
    }
}
