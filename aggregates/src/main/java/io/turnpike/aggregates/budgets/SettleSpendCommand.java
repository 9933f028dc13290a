package io.turnpike.aggregates.budgets;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Charge a request's actual cost and give back the rest of its reservation. */
public record SettleSpendCommand(String budgetId, String reservationId, long actualAmount, Instant now) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.budget(budgetId);
    }
}
