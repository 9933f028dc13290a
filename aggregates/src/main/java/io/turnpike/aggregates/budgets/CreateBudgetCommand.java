package io.turnpike.aggregates.budgets;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Create a budget; {@code thresholds} null means 50/80/100 %. {@code now} comes from the façade's clock. */
public record CreateBudgetCommand(String budgetId, String name, Map<String, String> scope, String unit, long limit,
                                  String period, List<Integer> thresholds, String actor, Instant now) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.budget(budgetId);
    }
}
