package io.turnpike.events.budget;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * A new budget period began: spend starts again from zero; reservations still open carry over. Emitted when the
 * first command of the new period reaches the budget, so {@code occurredAt} may be later than {@code periodStart}.
 */
public record BudgetPeriodReset(
        @JsonProperty("budget_id") String budgetId,
        @JsonProperty("previous_period_start") Instant previousPeriodStart,
        @JsonProperty("period_start") Instant periodStart,
        @JsonProperty("previous_spent") long previousSpent,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
