package io.turnpike.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written {@link BudgetGate}: budgets in memory with the aggregate's rule ({@code reserved + spent + amount
 * ≤ limit}), answered on a thread of its own as the real adapter does, and a record of every call.
 */
public final class InMemoryBudgetGate implements BudgetGate, AutoCloseable {
    public record Settled(BudgetHold hold, long actualNanoUsd, long actualTokens) {
    }

    private static final class Budget {
        final String id;
        final String name;
        final Map<String, String> scope;
        final String unit;
        final long limit;
        long reserved;
        long spent;

        Budget(String id, String name, Map<String, String> scope, String unit, long limit) {
            this.id = id;
            this.name = name;
            this.scope = scope;
            this.unit = unit;
            this.limit = limit;
        }

        boolean appliesTo(String keyId, Map<String, String> metadata) {
            return scope.entrySet().stream().allMatch(dimension -> dimension.getValue().equals(
                    "key_id".equals(dimension.getKey()) ? keyId : metadata.get(dimension.getKey())));
        }
    }

    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fake-budget-gate");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Budget> budgets = new TreeMap<>();
    private final AtomicInteger reservations = new AtomicInteger();
    public final List<ReserveRequest> reserveRequests = new CopyOnWriteArrayList<>();
    public final List<Settled> settled = new CopyOnWriteArrayList<>();
    public final List<BudgetHold> released = new CopyOnWriteArrayList<>();

    public synchronized InMemoryBudgetGate budget(String id, String name, Map<String, String> scope, String unit,
            long limit) {
        budgets.put(id, new Budget(id, name, scope, unit, limit));
        return this;
    }

    public synchronized long reserved(String budgetId) {
        return budgets.get(budgetId).reserved;
    }

    public synchronized long spent(String budgetId) {
        return budgets.get(budgetId).spent;
    }

    @Override
    public synchronized boolean applies(String keyId, Map<String, String> effectiveMetadata) {
        return budgets.values().stream().anyMatch(budget -> budget.appliesTo(keyId, effectiveMetadata));
    }

    @Override
    public CompletableFuture<BudgetHold> reserve(ReserveRequest request) {
        reserveRequests.add(request);
        return CompletableFuture.supplyAsync(() -> reserveNow(request), worker);
    }

    private synchronized BudgetHold reserveNow(ReserveRequest request) {
        List<BudgetReservation> taken = new ArrayList<>();
        for (Budget budget : budgets.values()) {
            OptionalLong amount = request.amountIn(budget.unit);
            if (!budget.appliesTo(request.keyId(), request.effectiveMetadata()) || amount.isEmpty()) {
                continue;
            }
            long available = Math.max(0, budget.limit - budget.reserved - budget.spent);
            if (amount.getAsLong() > available) {
                taken.forEach(this::free);
                return BudgetHold.refused(request.requestId(), new BudgetRefusal(budget.id, budget.name, budget.unit,
                        amount.getAsLong(), available, budget.limit), taken);
            }
            budget.reserved += amount.getAsLong();
            taken.add(new BudgetReservation(budget.id, "rsv_" + reservations.incrementAndGet(), budget.unit,
                    amount.getAsLong(), available - amount.getAsLong()));
        }
        return BudgetHold.reserved(request.requestId(), taken);
    }

    @Override
    public CompletableFuture<Void> settle(BudgetHold hold, long actualNanoUsd, long actualTokens) {
        return CompletableFuture.runAsync(() -> {
            synchronized (this) {
                for (BudgetReservation reservation : hold.reservations()) {
                    free(reservation);
                    budgets.get(reservation.budgetId()).spent += reservation.actualIn(actualNanoUsd, actualTokens);
                }
            }
            settled.add(new Settled(hold, actualNanoUsd, actualTokens));
        }, worker);
    }

    @Override
    public CompletableFuture<Void> release(BudgetHold hold) {
        return CompletableFuture.runAsync(() -> {
            synchronized (this) {
                hold.reservations().forEach(this::free);
            }
            released.add(hold);
        }, worker);
    }

    private void free(BudgetReservation reservation) {
        budgets.get(reservation.budgetId()).reserved -= reservation.amount();
    }

    public int reserveCalls() {
        return reserveRequests.size();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
