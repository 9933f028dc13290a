package io.turnpike.aggregates;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Stop applying a budget to new requests. */
record RetireBudgetCommand(String budgetId, String actor, Instant now) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.budget(budgetId);
    }
}
