package io.turnpike.aggregates;

/**
 * A reservation was refused: {@code requested} does not fit into what the budget has left. Not a failure of the
 * system but a decision; the proxy answers it with its billing error.
 */
public class BudgetExceededException extends RuntimeException {
    private final String budgetId;
    private final String unit;
    private final long requested;
    private final long available;
    private final long limit;

    public BudgetExceededException(String budgetId, String unit, long requested, long available, long limit) {
        super("budget '" + budgetId + "' is exhausted: requested " + requested + " " + unitLabel(unit)
                + ", available " + available + " of " + limit);
        this.budgetId = budgetId;
        this.unit = unit;
        this.requested = requested;
        this.available = available;
        this.limit = limit;
    }

    private static String unitLabel(String unit) {
        return "usd".equals(unit) ? "nano-USD" : unit;
    }

    public String budgetId() {
        return budgetId;
    }

    public String unit() {
        return unit;
    }

    public long requested() {
        return requested;
    }

    public long available() {
        return available;
    }

    public long limit() {
        return limit;
    }
}
