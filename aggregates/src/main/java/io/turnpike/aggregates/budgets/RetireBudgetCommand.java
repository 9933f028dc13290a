package io.turnpike.aggregates.budgets;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Stop applying a budget to new requests. */
public record RetireBudgetCommand(String budgetId, String actor, Instant now) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.budget(budgetId);
    }
}
