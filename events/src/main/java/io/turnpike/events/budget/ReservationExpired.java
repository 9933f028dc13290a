package io.turnpike.events.budget;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** A reservation passed its deadline unsettled (its caller likely crashed); its amount is free again. */
public record ReservationExpired(
        @JsonProperty("budget_id") String budgetId,
        @JsonProperty("reservation_id") String reservationId,
        @JsonProperty("amount") long amount,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
