package io.turnpike.aggregates.pricing;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Publish a price table (the pricing file's JSON shape); its {@code version} must be new. */
public record PublishPriceTableCommand(String document, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.priceBook();
    }
}
