package io.turnpike.events.budget;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * An administrator changed a budget's limit and/or thresholds. It applies from the next reservation; spend already
 * recorded stays, so a limit lowered below it refuses everything until the period resets.
 */
public record BudgetLimitChanged(
        @JsonProperty("budget_id") String budgetId,
        @JsonProperty("previous_limit") long previousLimit,
        @JsonProperty("limit") long limit,
        @JsonProperty("thresholds") List<Integer> thresholds,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
