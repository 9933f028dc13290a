package io.turnpike.events.budget;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** A reservation was given back without charging anything (the request failed before any cost, or was cancelled). */
public record ReservationReleased(
        @JsonProperty("budget_id") String budgetId,
        @JsonProperty("reservation_id") String reservationId,
        @JsonProperty("amount") long amount,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
