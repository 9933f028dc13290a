package io.turnpike.aggregates.budgets;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Set aside {@code amount} for one request until it is settled, released or {@code expiresAt} passes. */
public record ReserveSpendCommand(String budgetId, String reservationId, String requestId, long amount, Instant expiresAt,
                                  Instant now) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.budget(budgetId);
    }
}
