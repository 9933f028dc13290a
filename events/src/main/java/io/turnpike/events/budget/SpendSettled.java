package io.turnpike.events.budget;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * A request's actual cost was charged and its reservation given back. {@code reservedAmount} is what the reservation
 * held (0 when it had already expired: the cost is still charged, spend is a fact).
 */
public record SpendSettled(
        @JsonProperty("budget_id") String budgetId,
        @JsonProperty("reservation_id") String reservationId,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("reserved_amount") long reservedAmount,
        @JsonProperty("actual_amount") long actualAmount,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
