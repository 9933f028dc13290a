package io.turnpike.aggregates.budgets;

/** What a {@link ReserveSpendCommand} decided, with the budget's numbers right after the decision. */
public record ReserveOutcome(boolean reserved, long limit, long reservedTotal, long spent) {
    public long available() {
        return Math.max(0, limit - reservedTotal - spent);
    }
}
