package io.turnpike.proxy;

import java.util.Objects;

/**
 * One budget's part of a {@link BudgetHold}.
 *
 * @param unit           {@link #USD} (amounts in nano-USD) or {@link #TOKENS}
 * @param amount         what is held until settled or released
 * @param remainingAfter what the budget had left once this was held
 */
public record BudgetReservation(String budgetId, String reservationId, String unit, long amount, long remainingAfter) {
    public static final String USD = "usd";
    public static final String TOKENS = "tokens";

    public BudgetReservation {
        Objects.requireNonNull(budgetId, "budgetId");
        Objects.requireNonNull(reservationId, "reservationId");
        Objects.requireNonNull(unit, "unit");
    }

    /** The actual amount to settle in this reservation's unit. */
    public long actualIn(long actualNanoUsd, long actualTokens) {
        return USD.equals(unit) ? actualNanoUsd : actualTokens;
    }
}
