package io.turnpike.aggregates.budgets;

import io.turnpike.aggregates.ConflictException;
import io.turnpike.aggregates.NotFoundException;
import io.turnpike.aggregates.ValidationException;
import io.turnpike.aggregates.rules.Rules;
import io.turnpike.aggregates.rules.StreamIds;
import io.turnpike.events.budget.BudgetCreated;
import io.turnpike.events.budget.BudgetLimitChanged;
import io.turnpike.events.budget.BudgetRetired;
import io.turnpike.events.budget.BudgetPeriodReset;
import io.turnpike.events.budget.BudgetThresholdCrossed;
import io.turnpike.events.budget.ReservationExpired;
import io.turnpike.events.budget.ReservationReleased;
import io.turnpike.events.budget.SpendRefused;
import io.turnpike.events.budget.SpendReserved;
import io.turnpike.events.budget.SpendSettled;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A spend limit over a metadata scope, per period. The invariant: a reservation is accepted only while
 * {@code reserved + spent + amount <= limit}, so as long as every settle charges at most what was reserved, settled
 * spend never exceeds the limit. A settle that charges more than its reservation (the input estimate was low) is
 * recorded as is — spend is a fact — and the overrun is bounded by that estimation error.
 * <p>
 * Time comes with each command ({@code now}, from the façade's clock). Before deciding anything, a command first
 * rolls the period over ({@link BudgetPeriodReset}) and expires overdue reservations ({@link ReservationExpired}).
 * Every field is plain data so Jackson snapshots restore it (see {@code AxonSerializers}).
 */
public class Budget {
    @AggregateIdentifier
    private String aggregateId;
    private String budgetId;
    private Map<String, String> scope;
    private String unit;
    private long limit;
    private String period;
    private Instant createdAt;
    private Instant periodStart;
    private List<Integer> thresholds;
    private final Set<Integer> crossedThresholds = new HashSet<>();
    private final Map<String, OpenReservation> open = new HashMap<>();
    /** Reservations that expired this period: a late settle still charges their actual cost, once. */
    private final Set<String> expired = new HashSet<>();
    private long reserved;
    private long spent;
    private boolean retired;

    /** One open reservation; a record Jackson can snapshot. */
    record OpenReservation(String requestId, long amount, Instant expiresAt) {
    }

    Budget() {
        // Axon creates the empty aggregate, then replays or handles the creating command.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CreateBudgetCommand command) {
        if (aggregateId != null) {
            throw new ConflictException("budget '" + command.budgetId() + "' already exists");
        }
        Rules.requireId("budgets.id", command.budgetId());
        if (command.name() != null) {
            Rules.requireText("budgets.name", command.name(), Rules.MAX_TEXT);
        }
        BudgetRules.requireScope(command.scope());
        BudgetRules.requireUnit(command.unit());
        BudgetRules.requireLimit(command.limit());
        BudgetPeriod parsed = BudgetPeriod.parse(command.period());
        List<Integer> thresholds = BudgetRules.thresholds(command.thresholds());
        Rules.requireActor(command.actor());
        apply(new BudgetCreated(command.budgetId(), command.name(), Map.copyOf(command.scope()), command.unit(),
                command.limit(), command.period(), parsed.startOf(command.now(), command.now()), thresholds,
                command.actor(), command.now()));
    }

    @CommandHandler
    ReserveOutcome handle(ReserveSpendCommand command) {
        Rules.requireText("reservation_id", command.reservationId(), Rules.MAX_TEXT);
        if (command.amount() <= 0) {
            throw new ValidationException("amount", "must be positive");
        }
        if (command.expiresAt() == null || !command.expiresAt().isAfter(command.now())) {
            throw new ValidationException("expires_at", "must be in the future");
        }
        if (open.containsKey(command.reservationId()) || expired.contains(command.reservationId())) {
            throw new ConflictException("reservation '" + command.reservationId() + "' already exists");
        }
        if (retired) {
            throw new ConflictException("budget '" + budgetId + "' is retired");
        }
        catchUp(command.now());
        if (command.amount() > limit - reserved - spent) {
            apply(new SpendRefused(budgetId, command.requestId(), command.amount(), limit, reserved, spent,
                    command.now()));
            return new ReserveOutcome(false, limit, reserved, spent);
        }
        apply(new SpendReserved(budgetId, command.reservationId(), command.requestId(), command.amount(),
                command.expiresAt(), command.now()));
        return new ReserveOutcome(true, limit, reserved, spent);
    }

    @CommandHandler
    void handle(ChangeBudgetLimitCommand command) {
        if (retired) {
            throw new ConflictException("budget '" + budgetId + "' is retired");
        }
        BudgetRules.requireLimit(command.limit());
        List<Integer> newThresholds = command.thresholds() == null ? thresholds
                : BudgetRules.thresholds(command.thresholds());
        Rules.requireActor(command.actor());
        catchUp(command.now());
        apply(new BudgetLimitChanged(budgetId, limit, command.limit(), newThresholds, command.actor(), command.now()));
    }

    @CommandHandler
    void handle(RetireBudgetCommand command) {
        if (retired) {
            throw new ConflictException("budget '" + budgetId + "' is already retired");
        }
        Rules.requireActor(command.actor());
        apply(new BudgetRetired(budgetId, command.actor(), command.now()));
    }

    @CommandHandler
    void handle(SettleSpendCommand command) {
        if (command.actualAmount() < 0) {
            throw new ValidationException("actual_amount", "must not be negative");
        }
        catchUp(command.now());
        OpenReservation reservation = open.get(command.reservationId());
        if (reservation == null && !expired.contains(command.reservationId())) {
            throw new NotFoundException("no open reservation '" + command.reservationId() + "' on budget '"
                    + budgetId + "'");
        }
        apply(new SpendSettled(budgetId, command.reservationId(),
                reservation == null ? null : reservation.requestId(),
                reservation == null ? 0 : reservation.amount(), command.actualAmount(), command.now()));
        for (int threshold : thresholds) {
            if (!crossedThresholds.contains(threshold) && reached(threshold)) {
                apply(new BudgetThresholdCrossed(budgetId, scope, unit, threshold, spent, limit, periodStart,
                        command.now()));
            }
        }
    }

    @CommandHandler
    void handle(ReleaseReservationCommand command) {
        catchUp(command.now());
        OpenReservation reservation = open.get(command.reservationId());
        if (reservation != null) {
            apply(new ReservationReleased(budgetId, command.reservationId(), reservation.amount(), command.now()));
        } else if (!expired.contains(command.reservationId())) {
            // An expired reservation is already free; releasing it again is harmless, an unknown one is a bug.
            throw new NotFoundException("no open reservation '" + command.reservationId() + "' on budget '"
                    + budgetId + "'");
        }
    }

    @CommandHandler
    void handle(ExpireReservationsCommand command) {
        catchUp(command.now());
    }

    /** Starts the current period if a boundary passed, then frees reservations whose deadline is over. */
    private void catchUp(Instant now) {
        Instant current = BudgetPeriod.parse(period).startOf(now, createdAt);
        if (current.isAfter(periodStart)) {
            apply(new BudgetPeriodReset(budgetId, periodStart, current, spent, now));
        }
        // Sorted so replicas deciding from the same state emit the same events in the same order.
        List<Map.Entry<String, OpenReservation>> overdue = new ArrayList<>();
        new TreeMap<>(open).entrySet().stream()
                .filter(e -> !e.getValue().expiresAt().isAfter(now))
                .forEach(overdue::add);
        for (Map.Entry<String, OpenReservation> entry : overdue) {
            apply(new ReservationExpired(budgetId, entry.getKey(), entry.getValue().amount(),
                    entry.getValue().expiresAt(), now));
        }
    }

    /** spent ≥ threshold % of limit, in exact integer arithmetic (limits may be near Long.MAX_VALUE / 100). */
    private boolean reached(int thresholdPercent) {
        return BigInteger.valueOf(spent).multiply(BigInteger.valueOf(100))
                .compareTo(BigInteger.valueOf(limit).multiply(BigInteger.valueOf(thresholdPercent))) >= 0;
    }

    @EventSourcingHandler
    void on(BudgetCreated event) {
        aggregateId = StreamIds.budget(event.budgetId());
        budgetId = event.budgetId();
        scope = event.scope();
        unit = event.unit();
        limit = event.limit();
        period = event.period();
        createdAt = event.occurredAt();
        periodStart = event.periodStart();
        thresholds = event.thresholds();
    }

    @EventSourcingHandler
    void on(BudgetLimitChanged event) {
        limit = event.limit();
        thresholds = event.thresholds();
    }

    @EventSourcingHandler
    void on(BudgetRetired event) {
        retired = true;
    }

    @EventSourcingHandler
    void on(SpendReserved event) {
        open.put(event.reservationId(), new OpenReservation(event.requestId(), event.amount(), event.expiresAt()));
        reserved += event.amount();
    }

    @EventSourcingHandler
    void on(SpendSettled event) {
        open.remove(event.reservationId());
        expired.remove(event.reservationId());
        reserved -= event.reservedAmount();
        spent += event.actualAmount();
    }

    @EventSourcingHandler
    void on(ReservationReleased event) {
        open.remove(event.reservationId());
        reserved -= event.amount();
    }

    @EventSourcingHandler
    void on(ReservationExpired event) {
        open.remove(event.reservationId());
        expired.add(event.reservationId());
        reserved -= event.amount();
    }

    @EventSourcingHandler
    void on(BudgetPeriodReset event) {
        periodStart = event.periodStart();
        spent = 0;
        crossedThresholds.clear();
        expired.clear();
    }

    @EventSourcingHandler
    void on(BudgetThresholdCrossed event) {
        crossedThresholds.add(event.thresholdPercent());
    }
}
