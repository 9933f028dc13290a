package io.turnpike.events.budget;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Map;

/** Settled spend reached {@code thresholdPercent} % of the limit; at most once per threshold and period (for alerts). */
public record BudgetThresholdCrossed(
        @JsonProperty("budget_id") String budgetId,
        @JsonProperty("scope") Map<String, String> scope,
        @JsonProperty("unit") String unit,
        @JsonProperty("threshold_percent") int thresholdPercent,
        @JsonProperty("spent") long spent,
        @JsonProperty("limit") long limit,
        @JsonProperty("period_start") Instant periodStart,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
