package io.turnpike.aggregates.budgets;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Change a budget's limit; {@code thresholds} null keeps the current ones. */
public record ChangeBudgetLimitCommand(String budgetId, long limit, List<Integer> thresholds, String actor, Instant now) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.budget(budgetId);
    }
}
