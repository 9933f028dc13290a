package io.turnpike.aggregates;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Release every reservation past its deadline at {@code now} (and roll the period over if it ended). */
record ExpireReservationsCommand(String budgetId, Instant now) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.budget(budgetId);
    }
}
