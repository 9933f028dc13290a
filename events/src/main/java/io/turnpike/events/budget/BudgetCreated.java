package io.turnpike.events.budget;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A budget was created. {@code scope} holds the metadata dimensions a request must all match for the budget to apply
 * ({@code key_id}, {@code tenant}, {@code team}, {@code env}, {@code user}); {@code unit} is {@code usd} or
 * {@code tokens}; {@code period} is {@code none}, {@code daily}, {@code weekly}, {@code monthly} or
 * {@code custom:<days>}; {@code thresholds} are alert percentages of the limit, ascending.
 */
public record BudgetCreated(
        @JsonProperty("budget_id") String budgetId,
        @JsonProperty("name") String name,
        @JsonProperty("scope") Map<String, String> scope,
        @JsonProperty("unit") String unit,
        @JsonProperty("limit") long limit,
        @JsonProperty("period") String period,
        @JsonProperty("period_start") Instant periodStart,
        @JsonProperty("thresholds") List<Integer> thresholds,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
