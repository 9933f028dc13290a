package io.turnpike.proxy;

import java.util.Objects;

/**
 * A budget that had no room for a request's worst case: {@code requested} is more than {@code available} (what is
 * left of {@code limit} after spend and open reservations). Amounts in the budget's {@code unit}.
 */
public record BudgetRefusal(String budgetId, String budgetName, String unit, long requested, long available,
                            long limit) {
    public BudgetRefusal {
        Objects.requireNonNull(budgetId, "budgetId");
        Objects.requireNonNull(unit, "unit");
    }
}
