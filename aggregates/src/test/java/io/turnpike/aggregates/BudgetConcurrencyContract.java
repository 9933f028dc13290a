package io.turnpike.aggregates;

import io.turnpike.aggregates.budgets.Budget;
import io.turnpike.aggregates.rules.StreamIds;
import io.turnpike.aggregates.storage.AxonSerializers;
import io.turnpike.aggregates.storage.EventStorage;
import io.turnpike.events.budget.BudgetPeriodReset;
import io.turnpike.events.budget.ReservationExpired;
import io.turnpike.events.budget.ReservationReleased;
import io.turnpike.events.budget.SpendReserved;
import io.turnpike.events.budget.SpendSettled;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget invariant under concurrency: many parallel requests, each reserving a random worst case and settling a
 * random actual cost at most that, on one budget whose demand far exceeds its limit. Settled spend must stay within
 * the limit, every reservation must come back, and at no point in the stored history may reserved + spent exceed the
 * limit. {@link #replicas()} Governance instances share the store, as replicas of the gateway would.
 */
abstract class BudgetConcurrencyContract {
    private static final int REQUESTS = 240;
    private static final int THREADS = 24;
    private static final long LIMIT = 100_000;
    private static final Map<String, String> SCOPE = Map.of("tenant", "acme", "team", "support", "env", "prod");

    abstract GovernanceOptions options();

    /** How many Governance instances (replicas) share the store during the run. */
    abstract int replicas();

    @Test
    void settledSpendNeverExceedsTheLimitUnderConcurrentReservations() throws Exception {
        List<Governance> instances = new ArrayList<>();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicLong settled = new AtomicLong();
        long retries = 0;
        try {
            instances.add(Governance.start(options()));
            instances.get(0).createBudget("support-prod", "Support prod", SCOPE, "usd", LIMIT, "none", null, "alice");
            for (int i = 1; i < replicas(); i++) {
                instances.add(Governance.start(options())); // replays the store, so it knows the budget
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                Governance replica = instances.get(i % instances.size());
                String requestId = "req-" + i;
                calls.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    long worstCase = random.nextLong(1_000, 3_001);
                    ReservationView reservation;
                    try {
                        reservation = replica.reserve("support-prod", requestId, worstCase,
                                Instant.now().plusSeconds(600));
                    } catch (BudgetExceededException e) {
                        refused.incrementAndGet();
                        return null;
                    }
                    accepted.incrementAndGet();
                    if (random.nextInt(10) == 0) {
                        replica.release("support-prod", reservation.reservationId());
                    } else {
                        long actual = random.nextLong(0, worstCase + 1);
                        replica.settle("support-prod", reservation.reservationId(), actual);
                        settled.addAndGet(actual);
                    }
                    return null;
                }));
            }
            pool.shutdown();
            for (Future<?> call : calls) {
                call.get(3, TimeUnit.MINUTES); // rethrows any failure, e.g. a ConflictException after all retries
            }
            retries = instances.stream().mapToLong(Governance::budgetCommandRetries).sum();
        } finally {
            instances.forEach(Governance::close);
        }

        assertThat(accepted.get() + refused.get()).isEqualTo(REQUESTS);
        assertThat(refused.get()).as("demand exceeds the limit, so some requests are refused").isPositive();
        assertThat(accepted.get()).isPositive();
        assertThat(settled.get()).isLessThanOrEqualTo(LIMIT);
        if (replicas() > 1) {
            assertThat(retries).as("replicas raced for the same budget and the losers retried").isPositive();
        } else {
            assertThat(retries).as("one process: the aggregate lock serializes, nobody loses a race").isZero();
        }
        System.out.printf("budget concurrency: %d accepted, %d refused, %d settled of %d, %d retries%n",
                accepted.get(), refused.get(), settled.get(), LIMIT, retries);
        assertInvariantHeldThroughoutTheStoredHistory(settled.get());

        try (Governance restarted = Governance.start(options())) {
            BudgetView view = restarted.budget("support-prod").orElseThrow();
            assertThat(view.reserved()).isZero();
            assertThat(view.openReservations()).isZero();
            assertThat(view.spent()).isEqualTo(settled.get());
            assertThat(view.remaining()).isEqualTo(LIMIT - settled.get());
            // The aggregate, restored from its snapshot plus the tail, decides with the same numbers.
            if (view.remaining() < LIMIT) {
                long tooMuch = view.remaining() + 1;
                assertThat(catchRefusal(() -> restarted.reserve("support-prod", "after", tooMuch,
                        Instant.now().plusSeconds(60)))).isTrue();
            }
            if (view.remaining() > 0) {
                restarted.reserve("support-prod", "exact", view.remaining(), Instant.now().plusSeconds(60));
                assertThat(restarted.budget("support-prod").orElseThrow().remaining()).isZero();
            }
        }
    }

    /** Replays the budget's stream in sequence order, checking reserved + spent ≤ limit after every event. */
    private void assertInvariantHeldThroughoutTheStoredHistory(long expectedSpent) {
        try (EventStorage storage = EventStorage.open(options(), AxonSerializers.jackson())) {
            long reserved = 0;
            long spent = 0;
            long events = 0;
            var stream = storage.engine().readEvents(StreamIds.budget("support-prod"));
            while (stream.hasNext()) {
                DomainEventMessage<?> event = stream.next();
                Object payload = event.getPayload();
                if (payload instanceof SpendReserved e) {
                    reserved += e.amount();
                } else if (payload instanceof SpendSettled e) {
                    reserved -= e.reservedAmount();
                    spent += e.actualAmount();
                } else if (payload instanceof ReservationReleased e) {
                    reserved -= e.amount();
                } else if (payload instanceof ReservationExpired e) {
                    reserved -= e.amount();
                } else if (payload instanceof BudgetPeriodReset) {
                    spent = 0;
                }
                assertThat(reserved + spent).as("reserved + spent after event %d", event.getSequenceNumber())
                        .isLessThanOrEqualTo(LIMIT);
                events++;
            }
            assertThat(reserved).isZero();
            assertThat(spent).isEqualTo(expectedSpent);
            assertThat(events).isGreaterThan(REQUESTS);

            // Snapshots (every 50 events) must restore the aggregate, not silently fall back to a full replay.
            DomainEventMessage<?> snapshot = storage.engine().readSnapshot(StreamIds.budget("support-prod"))
                    .orElseThrow(() -> new AssertionError("no budget snapshot was stored"));
            assertThat(snapshot.getPayload()).isInstanceOf(Budget.class);
            var state = AxonSerializers.jackson().getObjectMapper().valueToTree(snapshot.getPayload());
            assertThat(state.get("budgetId").asText()).isEqualTo("support-prod");
            assertThat(state.get("limit").asLong()).isEqualTo(LIMIT);
            assertThat(state.get("scope").get("team").asText()).isEqualTo("support");
        }
    }

    private static boolean catchRefusal(Runnable call) {
        try {
            call.run();
            return false;
        } catch (BudgetExceededException e) {
            return true;
        }
    }
}
