package io.turnpike.events.budget;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * A reservation was refused because {@code reserved + spent + amount} would exceed {@code limit}. Stored so the
 * refusal is decided on the latest state even when another replica wrote last (the append detects the race).
 */
public record SpendRefused(
        @JsonProperty("budget_id") String budgetId,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("amount") long amount,
        @JsonProperty("limit") long limit,
        @JsonProperty("reserved") long reserved,
        @JsonProperty("spent") long spent,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
