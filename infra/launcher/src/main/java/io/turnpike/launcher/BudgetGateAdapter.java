package io.turnpike.launcher;

import io.turnpike.aggregates.BudgetExceededException;
import io.turnpike.aggregates.BudgetView;
import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.ReservationView;
import io.turnpike.proxy.BudgetGate;
import io.turnpike.proxy.BudgetHold;
import io.turnpike.proxy.BudgetRefusal;
import io.turnpike.proxy.BudgetReservation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the proxy's {@link BudgetGate} from the {@code Budget} aggregates. Their commands block until the event is
 * stored, so they run on a small worker pool (the event store has 4 connections) that completes the proxy's
 * futures; the proxy continues on its IO thread. New reservations are refused once {@link #maxQueuedReservations}
 * wait (the proxy answers 500 rather than queue without end); settles and releases are always queued, since
 * each belongs to a reservation already admitted and dropping one would lose spend.
 */
final class BudgetGateAdapter implements BudgetGate, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetGateAdapter.class);
    static final int WORKERS = 8;
    static final int DEFAULT_MAX_QUEUED_RESERVATIONS = 10_000;

    private final Governance governance;
    private final ThreadPoolExecutor workers;
    private final int maxQueuedReservations;

    BudgetGateAdapter(Governance governance) {
        this(governance, DEFAULT_MAX_QUEUED_RESERVATIONS);
    }

    BudgetGateAdapter(Governance governance, int maxQueuedReservations) {
        this.governance = governance;
        this.maxQueuedReservations = maxQueuedReservations;
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "turnpike-budgets-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public boolean applies(String keyId, Map<String, String> effectiveMetadata) {
        return !governance.budgetsFor(effectiveMetadata, keyId).isEmpty();
    }

    @Override
    public CompletableFuture<BudgetHold> reserve(ReserveRequest request) {
        if (workers.getQueue().size() >= maxQueuedReservations) {
            return CompletableFuture.failedFuture(new RejectedExecutionException(
                    "too many budget reservations waiting: " + workers.getQueue().size()));
        }
        return CompletableFuture.supplyAsync(() -> reserveNow(request), workers);
    }

    /** One budget after another, in id order; the first refusal undoes the reservations taken before it. */
    private BudgetHold reserveNow(ReserveRequest request) {
        List<BudgetView> budgets = new ArrayList<>(governance.budgetsFor(request.effectiveMetadata(), request.keyId()));
        budgets.sort(Comparator.comparing(BudgetView::id));
        List<BudgetReservation> taken = new ArrayList<>(budgets.size());
        for (BudgetView budget : budgets) {
            OptionalLong amount = request.amountIn(budget.unit());
            if (amount.isEmpty() || amount.getAsLong() <= 0) {
                continue; // nothing to hold in this unit (an unpriced model on a USD budget)
            }
            try {
                ReservationView held = governance.reserve(budget.id(), request.requestId(), amount.getAsLong(),
                        request.expiresAt());
                taken.add(new BudgetReservation(budget.id(), held.reservationId(), budget.unit(), held.amount(),
                        held.remainingAfter()));
            } catch (BudgetExceededException refused) {
                releaseAll(request.requestId(), taken);
                return BudgetHold.refused(request.requestId(), new BudgetRefusal(budget.id(), budget.name(),
                        budget.unit(), refused.requested(), refused.available(), refused.limit()), taken);
            } catch (RuntimeException failure) {
                releaseAll(request.requestId(), taken);
                throw failure;
            }
        }
        return BudgetHold.reserved(request.requestId(), taken);
    }

    @Override
    public CompletableFuture<Void> settle(BudgetHold hold, long actualNanoUsd, long actualTokens) {
        return CompletableFuture.runAsync(() -> {
            int failed = 0;
            for (BudgetReservation reservation : hold.reservations()) {
                try {
                    governance.settle(reservation.budgetId(), reservation.reservationId(),
                            reservation.actualIn(actualNanoUsd, actualTokens));
                } catch (RuntimeException e) {
                    failed++;
                    LOG.error("request {}: settling {} on budget {} failed: {}", hold.requestId(),
                            reservation.reservationId(), reservation.budgetId(), e.toString());
                }
            }
            if (failed > 0) {
                throw new CompletionException(new IllegalStateException(failed + " settle(s) failed"));
            }
        }, workers);
    }

    @Override
    public CompletableFuture<Void> release(BudgetHold hold) {
        return CompletableFuture.runAsync(() -> {
            if (!releaseAll(hold.requestId(), hold.reservations())) {
                throw new CompletionException(new IllegalStateException("a release failed"));
            }
        }, workers);
    }

    /** Releases each; a failure is logged and leaves that reservation to expire at its deadline. */
    private boolean releaseAll(String requestId, List<BudgetReservation> reservations) {
        boolean allReleased = true;
        for (BudgetReservation reservation : reservations) {
            try {
                governance.release(reservation.budgetId(), reservation.reservationId());
            } catch (RuntimeException e) {
                allReleased = false;
                LOG.error("request {}: releasing {} on budget {} failed: {}", requestId,
                        reservation.reservationId(), reservation.budgetId(), e.toString());
            }
        }
        return allReleased;
    }

    /** Lets queued settles and releases finish (briefly) before the aggregates close. */
    @Override
    public void close() throws InterruptedException {
        workers.shutdown();
        if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("budget commands still queued at shutdown: {} (their reservations expire at their deadlines)",
                    workers.getQueue().size());
            workers.shutdownNow();
        }
    }
}
