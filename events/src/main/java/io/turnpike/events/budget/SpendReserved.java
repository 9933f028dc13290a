package io.turnpike.events.budget;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * A request's worst-case cost was set aside before calling upstream. It stays reserved until settled, released, or
 * past {@code expiresAt} (a crashed caller), whichever comes first.
 */
public record SpendReserved(
        @JsonProperty("budget_id") String budgetId,
        @JsonProperty("reservation_id") String reservationId,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("amount") long amount,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
