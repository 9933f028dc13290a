package io.turnpike.proxy;

import java.util.List;
import java.util.Objects;

/**
 * What {@link BudgetGate#reserve} did for one request. Admitted: {@code reservations} holds one reservation per
 * applicable budget (none at all when no budget applied). Refused: {@code refusal} names the budget without room,
 * and {@code reservations} lists those taken on other budgets before it, which the gate has already released.
 */
public record BudgetHold(String requestId, List<BudgetReservation> reservations, BudgetRefusal refusal) {
    public BudgetHold {
        Objects.requireNonNull(requestId, "requestId");
        reservations = List.copyOf(reservations);
    }

    public static BudgetHold reserved(String requestId, List<BudgetReservation> reservations) {
        return new BudgetHold(requestId, reservations, null);
    }

    public static BudgetHold refused(String requestId, BudgetRefusal refusal, List<BudgetReservation> rolledBack) {
        return new BudgetHold(requestId, rolledBack, Objects.requireNonNull(refusal, "refusal"));
    }

    public boolean isRefused() {
        return refusal != null;
    }
}
