package io.turnpike.events.budget;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * A budget stopped applying to new requests. Reservations already open can still settle or be released, so
 * in-flight requests are accounted for; its history stays in the event store.
 */
public record BudgetRetired(
        @JsonProperty("budget_id") String budgetId,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
