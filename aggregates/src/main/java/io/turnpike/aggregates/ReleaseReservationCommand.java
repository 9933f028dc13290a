package io.turnpike.aggregates;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Give a reservation back without charging (the request failed before it cost anything). */
record ReleaseReservationCommand(String budgetId, String reservationId, Instant now) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.budget(budgetId);
    }
}
