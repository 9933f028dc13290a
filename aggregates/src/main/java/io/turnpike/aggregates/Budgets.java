package io.turnpike.aggregates;

import io.turnpike.aggregates.budgets.ChangeBudgetLimitCommand;
import io.turnpike.aggregates.budgets.CreateBudgetCommand;
import io.turnpike.aggregates.budgets.ExpireReservationsCommand;
import io.turnpike.aggregates.budgets.ReleaseReservationCommand;
import io.turnpike.aggregates.budgets.ReserveOutcome;
import io.turnpike.aggregates.budgets.ReserveSpendCommand;
import io.turnpike.aggregates.budgets.RetireBudgetCommand;
import io.turnpike.aggregates.budgets.SettleSpendCommand;
import io.turnpike.aggregates.readmodel.BudgetProjection;
import io.turnpike.aggregates.rules.Rules;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The budget half of {@link Governance}: sends budget commands with the façade's clock and reads the
 * {@link BudgetProjection}.
 * <p>
 * Concurrency: within one JVM Axon locks the aggregate for the whole command, so reservations on one budget are
 * serialized. Across processes sharing a store, each decides on its cached aggregate and appends with the next
 * sequence number; the unique (aggregate, sequence) key lets exactly one writer win, the loser's unit of work rolls
 * back (evicting its stale cache entry) and is retried here on fresh state. Refusals are stored events too, so a
 * refusal is never decided on stale state either.
 */
final class Budgets {
    /** Each retry reloads the aggregate; contention that loses this often is an overload, not a race. */
    static final int MAX_ATTEMPTS = 25;

    private final CommandGateway commands;
    private final BudgetProjection projection;
    private final Clock clock;
    private final SecureRandom random;
    private final LongAdder retries = new LongAdder();

    Budgets(CommandGateway commands, BudgetProjection projection, Clock clock, SecureRandom random) {
        this.commands = commands;
        this.projection = projection;
        this.clock = clock;
        this.random = random;
    }

    BudgetView create(String budgetIdOrNull, String name, Map<String, String> scope, String unit, long limit,
                      String period, List<Integer> thresholds, String actor) {
        String budgetId = budgetIdOrNull == null ? "bud_" + randomHex(8) : budgetIdOrNull;
        Rules.requireId("budgets.id", budgetId);
        send(new CreateBudgetCommand(budgetId, name, scope, unit, limit, period, thresholds, actor, clock.instant()));
        return budget(budgetId).orElseThrow(() -> new IllegalStateException(
                "stored budget '" + budgetId + "' is missing from the projection"));
    }

    Optional<BudgetView> budget(String budgetId) {
        return budgetId == null ? Optional.empty() : projection.budget(budgetId, clock.instant());
    }

    List<BudgetView> budgets() {
        return projection.budgets(clock.instant());
    }

    List<BudgetView> budgetsFor(Map<String, String> effectiveMetadata, String keyId) {
        return budgets().stream().filter(b -> b.appliesTo(effectiveMetadata, keyId)).toList();
    }

    ReservationView reserve(String budgetId, String requestId, long amount, Instant expiresAt) {
        requireBudget(budgetId);
        String reservationId = "rsv_" + randomHex(12);
        ReserveOutcome outcome = send(new ReserveSpendCommand(budgetId, reservationId, requestId, amount, expiresAt,
                clock.instant()));
        if (!outcome.reserved()) {
            throw new BudgetExceededException(budgetId, projection.budget(budgetId, clock.instant())
                    .map(BudgetView::unit).orElse(null), amount, outcome.available(), outcome.limit());
        }
        return new ReservationView(budgetId, reservationId, requestId, amount, expiresAt, outcome.available());
    }

    BudgetView changeLimit(String budgetId, long limit, List<Integer> thresholds, String actor) {
        requireBudget(budgetId);
        send(new ChangeBudgetLimitCommand(budgetId, limit, thresholds, actor, clock.instant()));
        return budget(budgetId).orElseThrow();
    }

    void retire(String budgetId, String actor) {
        requireBudget(budgetId);
        send(new RetireBudgetCommand(budgetId, actor, clock.instant()));
    }

    void settle(String budgetId, String reservationId, long actualAmount) {
        requireKnown(budgetId);
        send(new SettleSpendCommand(budgetId, reservationId, actualAmount, clock.instant()));
    }

    void release(String budgetId, String reservationId) {
        requireKnown(budgetId);
        send(new ReleaseReservationCommand(budgetId, reservationId, clock.instant()));
    }

    void expireReservations(String budgetId) {
        requireBudget(budgetId);
        send(new ExpireReservationsCommand(budgetId, clock.instant()));
    }

    private void requireKnown(String budgetId) {
        if (budgetId == null || !projection.known(budgetId)) {
            throw new NotFoundException("budget '" + budgetId + "' not found");
        }
    }

    private void requireBudget(String budgetId) {
        if (budget(budgetId).isEmpty()) {
            throw new NotFoundException("budget '" + budgetId + "' not found");
        }
    }

    private <R> R send(Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.sendAndWait(command);
            } catch (AggregateNotFoundException e) {
                throw new NotFoundException(e.getMessage());
            } catch (ConcurrencyException e) {
                // Another writer appended first; Axon evicted our cached copy, so the next attempt decides afresh.
                if (attempt >= MAX_ATTEMPTS) {
                    throw new ConflictException("budget too contended, retry: " + e.getMessage());
                }
                retries.increment();
            }
        }
    }

    /** Commands retried after losing a race to another writer (a measure of cross-replica contention). */
    long retries() {
        return retries.sum();
    }

    private String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
