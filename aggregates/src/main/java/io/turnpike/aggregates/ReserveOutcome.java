package io.turnpike.aggregates;

/** What a {@link ReserveSpendCommand} decided, with the budget's numbers right after the decision. */
record ReserveOutcome(boolean reserved, long limit, long reservedTotal, long spent) {
    long available() {
        return Math.max(0, limit - reservedTotal - spent);
    }
}
