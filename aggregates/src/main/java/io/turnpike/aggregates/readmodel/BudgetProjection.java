package io.turnpike.aggregates.readmodel;

import io.turnpike.aggregates.BudgetView;
import io.turnpike.aggregates.budgets.BudgetPeriod;
import io.turnpike.events.budget.BudgetCreated;
import io.turnpike.events.budget.BudgetLimitChanged;
import io.turnpike.events.budget.BudgetRetired;
import io.turnpike.events.budget.BudgetPeriodReset;
import io.turnpike.events.budget.ReservationExpired;
import io.turnpike.events.budget.ReservationReleased;
import io.turnpike.events.budget.SpendReserved;
import io.turnpike.events.budget.SpendSettled;
import org.axonframework.eventhandling.EventHandler;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read model of budgets, fed like {@link Directory}: replayed at start, then updated synchronously after each
 * stored event of this process and by the {@link ReplicaFollower} for other processes' events. The counters add up
 * events, so {@link ReadModelFeed} must (and does) deliver each one exactly once. Each budget's view is immutable and
 * replaced whole, so readers never see half an event. The numbers follow the events exactly; the aggregate alone
 * decides.
 */
public class BudgetProjection {
    private final Map<String, BudgetView> budgets = new ConcurrentHashMap<>();
    /** Retired budgets: out of listings and matching, still known so in-flight reservations can settle. */
    private final Map<String, BudgetView> retired = new ConcurrentHashMap<>();

    @EventHandler
    void on(BudgetCreated event) {
        budgets.put(event.budgetId(), new BudgetView(event.budgetId(), event.name(), Map.copyOf(event.scope()),
                event.unit(), event.limit(), event.period(), event.periodStart(), 0, 0, event.limit(),
                List.copyOf(event.thresholds()), 0, event.occurredAt()));
    }

    @EventHandler
    void on(BudgetLimitChanged event) {
        update(event.budgetId(), b -> with(new BudgetView(b.id(), b.name(), b.scope(), b.unit(), event.limit(),
                b.period(), b.periodStart(), b.reserved(), b.spent(), b.remaining(), List.copyOf(event.thresholds()),
                b.openReservations(), b.createdAt()), b.periodStart(), b.reserved(), b.spent(), b.openReservations()));
    }

    @EventHandler
    void on(BudgetRetired event) {
        BudgetView view = budgets.remove(event.budgetId());
        if (view != null) {
            retired.put(event.budgetId(), view);
        }
    }

    /** Whether the budget exists, retired or not: settling and releasing stay possible after retirement. */
    public boolean known(String budgetId) {
        return budgets.containsKey(budgetId) || retired.containsKey(budgetId);
    }

    @EventHandler
    void on(SpendReserved event) {
        update(event.budgetId(), b -> with(b, b.periodStart(), b.reserved() + event.amount(), b.spent(),
                b.openReservations() + 1));
    }

    @EventHandler
    void on(SpendSettled event) {
        // A settle of an already-expired reservation (reserved amount 0) no longer counts as open.
        int stillOpen = event.reservedAmount() > 0 ? 1 : 0;
        update(event.budgetId(), b -> with(b, b.periodStart(), b.reserved() - event.reservedAmount(),
                b.spent() + event.actualAmount(), b.openReservations() - stillOpen));
    }

    @EventHandler
    void on(ReservationReleased event) {
        update(event.budgetId(), b -> with(b, b.periodStart(), b.reserved() - event.amount(), b.spent(),
                b.openReservations() - 1));
    }

    @EventHandler
    void on(ReservationExpired event) {
        update(event.budgetId(), b -> with(b, b.periodStart(), b.reserved() - event.amount(), b.spent(),
                b.openReservations() - 1));
    }

    @EventHandler
    void on(BudgetPeriodReset event) {
        update(event.budgetId(), b -> with(b, event.periodStart(), b.reserved(), 0, b.openReservations()));
    }

    private void update(String budgetId, java.util.function.UnaryOperator<BudgetView> change) {
        budgets.computeIfPresent(budgetId, (id, view) -> change.apply(view));
    }

    private static BudgetView with(BudgetView b, Instant periodStart, long reserved, long spent, int open) {
        return new BudgetView(b.id(), b.name(), b.scope(), b.unit(), b.limit(), b.period(), periodStart, reserved,
                spent, Math.max(0, b.limit() - reserved - spent), b.thresholds(), open, b.createdAt());
    }

    /**
     * The budget as of {@code now}: when a period boundary passed since the last command reached it, the aggregate
     * has not rolled over yet, but its spend already counts as zero for display.
     */
    public Optional<BudgetView> budget(String budgetId, Instant now) {
        return Optional.ofNullable(budgets.get(budgetId)).map(b -> asOf(b, now));
    }

    public List<BudgetView> budgets(Instant now) {
        return budgets.values().stream().map(b -> asOf(b, now)).sorted(Comparator.comparing(BudgetView::id)).toList();
    }

    private static BudgetView asOf(BudgetView b, Instant now) {
        Instant current = BudgetPeriod.parse(b.period()).startOf(now, b.createdAt());
        return current.isAfter(b.periodStart()) ? with(b, current, b.reserved(), 0, b.openReservations()) : b;
    }
}
