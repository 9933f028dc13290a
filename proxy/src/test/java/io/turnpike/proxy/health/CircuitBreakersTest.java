package io.turnpike.proxy.health;

import io.turnpike.events.request.CircuitState;
import io.turnpike.events.request.TargetHealthChanged;
import io.turnpike.proxy.CircuitBreakerSettings;
import io.turnpike.proxy.providers.AttemptFailure;
import io.turnpike.proxy.providers.AttemptOutcome;
import io.turnpike.proxy.wire.ProxyError;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.turnpike.events.request.CircuitState.CLOSED;
import static io.turnpike.events.request.CircuitState.HALF_OPEN;
import static io.turnpike.events.request.CircuitState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CircuitBreakersTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration COOL_DOWN = Duration.ofSeconds(30);
    private static final CircuitBreakerKey KEY = new CircuitBreakerKey("anthropic-main", "claude-sonnet-4-5");
    private static final CircuitBreakerKey OTHER = new CircuitBreakerKey("anthropic-main", "claude-haiku-4-5");

    private final List<TargetHealthChanged> events = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(T0);
    private final CircuitBreakers breakers = new CircuitBreakers(new CircuitBreakerSettings(3, COOL_DOWN),
            events::add, clock);

    private void fail(CircuitBreakerKey key, int times, Instant at) {
        for (int i = 0; i < times; i++) {
            breakers.recordFailure(key, "status 529", at);
        }
    }

    /** Opens {@link #KEY} at {@link #T0} and forgets the event. */
    private void opened() {
        fail(KEY, 3, T0);
        assertThat(breakers.state(KEY, T0)).isEqualTo(OPEN);
        events.clear();
    }

    /** Opens {@link #KEY} at T0 and lets the probe through once the cool-down is over. */
    private Instant halfOpenWithProbeOut() {
        opened();
        Instant probeAt = T0.plus(COOL_DOWN);
        assertThat(breakers.allowRequest(KEY, probeAt)).isTrue();
        events.clear();
        return probeAt;
    }

    @Test
    void aTargetNeverSeenIsClosedAndAvailable() {
        assertThat(breakers.state(KEY, T0)).isEqualTo(CLOSED);
        assertThat(breakers.isAvailable(KEY, T0)).isTrue();
        assertThat(breakers.allowRequest(KEY, T0)).isTrue();
        breakers.recordSuccess(KEY, T0);
        assertThat(events).isEmpty();
    }

    @Test
    void opensAtTheThresholdOfConsecutiveFailuresAndNotBefore() {
        fail(KEY, 2, T0);
        assertThat(breakers.state(KEY, T0)).isEqualTo(CLOSED);
        assertThat(breakers.allowRequest(KEY, T0)).isTrue();
        assertThat(events).isEmpty();

        breakers.recordFailure(KEY, "ConnectException", T0);

        assertThat(breakers.state(KEY, T0)).isEqualTo(OPEN);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.fromState()).isEqualTo(CLOSED);
            assertThat(event.toState()).isEqualTo(OPEN);
            assertThat(event.consecutiveFailures()).isEqualTo(3);
            assertThat(event.reason()).isEqualTo("3 consecutive failures, last: ConnectException");
            assertThat(event.targetKey()).isEqualTo("anthropic-main/claude-sonnet-4-5");
            assertThat(event.provider()).isEqualTo("anthropic-main");
            assertThat(event.model()).isEqualTo("claude-sonnet-4-5");
            assertThat(event.occurredAt()).isEqualTo(T0);
        });
    }

    @Test
    void aSuccessResetsTheCountOfConsecutiveFailures() {
        fail(KEY, 2, T0);
        breakers.recordSuccess(KEY, T0);
        fail(KEY, 2, T0);

        assertThat(breakers.state(KEY, T0)).isEqualTo(CLOSED);
        assertThat(breakers.consecutiveFailures(KEY)).isEqualTo(2);
        assertThat(events).isEmpty();
    }

    @Test
    void ignoredOutcomesNeitherCountNorReset() {
        fail(KEY, 2, T0);
        breakers.record(KEY, TargetHealthSignal.IGNORED, "status 400");
        assertThat(breakers.consecutiveFailures(KEY)).isEqualTo(2);

        breakers.recordFailure(KEY, "status 500", T0);
        assertThat(breakers.state(KEY, T0)).isEqualTo(OPEN);
    }

    @Test
    void targetsHaveSeparateBreakers() {
        opened();

        assertThat(breakers.state(OTHER, T0)).isEqualTo(CLOSED);
        assertThat(breakers.allowRequest(OTHER, T0)).isTrue();
        assertThat(breakers.allowRequest(new CircuitBreakerKey("anthropic-main", null), T0)).isTrue();
    }

    @Test
    void anOpenCircuitRefusesUntilTheCoolDownIsOver() {
        opened();
        Instant justBefore = T0.plus(COOL_DOWN).minusMillis(1);

        assertThat(breakers.isAvailable(KEY, justBefore)).isFalse();
        assertThat(breakers.allowRequest(KEY, justBefore)).isFalse();
        assertThat(breakers.state(KEY, justBefore)).isEqualTo(OPEN);
        assertThat(breakers.isAvailable(KEY, T0.plus(COOL_DOWN))).isTrue();
        assertThat(breakers.state(KEY, T0.plus(COOL_DOWN))).isEqualTo(HALF_OPEN);
        assertThat(events).isEmpty();
    }

    @Test
    void outcomesOfRequestsSentBeforeItOpenedChangeNothing() {
        opened();
        breakers.recordSuccess(KEY, T0.plusSeconds(1));
        breakers.recordFailure(KEY, "status 503", T0.plusSeconds(20));

        assertThat(breakers.state(KEY, T0.plusSeconds(20))).isEqualTo(OPEN);
        // The cool-down still counts from T0, not from the straggler's failure.
        assertThat(breakers.allowRequest(KEY, T0.plus(COOL_DOWN))).isTrue();
        assertThat(events).extracting(TargetHealthChanged::fromState, TargetHealthChanged::toState)
                .containsExactly(tuple(OPEN, HALF_OPEN));
    }

    @Test
    void anOutcomeAfterTheCoolDownFromACallerThatNeverAskedIsTakenAsTheProbe() {
        opened();
        Instant later = T0.plus(COOL_DOWN).plusSeconds(3);

        breakers.recordSuccess(KEY, later);

        assertThat(breakers.state(KEY, later)).isEqualTo(CLOSED);
        assertThat(events).extracting(TargetHealthChanged::fromState, TargetHealthChanged::toState)
                .containsExactly(tuple(OPEN, HALF_OPEN), tuple(HALF_OPEN, CLOSED));
    }

    @Test
    void aFailureAfterTheCoolDownFromACallerThatNeverAskedReopens() {
        opened();
        Instant later = T0.plus(COOL_DOWN).plusSeconds(3);

        breakers.recordFailure(KEY, "status 500", later);

        assertThat(breakers.state(KEY, later)).isEqualTo(OPEN);
        assertThat(breakers.isAvailable(KEY, later.plus(COOL_DOWN).minusMillis(1))).isFalse();
        assertThat(events).extracting(TargetHealthChanged::fromState, TargetHealthChanged::toState)
                .containsExactly(tuple(OPEN, HALF_OPEN), tuple(HALF_OPEN, OPEN));
    }

    @Test
    void afterTheCoolDownExactlyOneProbeIsLetThrough() {
        opened();
        Instant later = T0.plus(COOL_DOWN).plusSeconds(1);

        assertThat(breakers.allowRequest(KEY, later)).isTrue();
        assertThat(breakers.allowRequest(KEY, later)).isFalse();
        assertThat(breakers.isAvailable(KEY, later)).isFalse();
        assertThat(breakers.state(KEY, later)).isEqualTo(HALF_OPEN);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.fromState()).isEqualTo(OPEN);
            assertThat(event.toState()).isEqualTo(HALF_OPEN);
            assertThat(event.consecutiveFailures()).isEqualTo(3);
            assertThat(event.occurredAt()).isEqualTo(later);
        });
    }

    @Test
    void aSuccessfulProbeClosesTheCircuit() {
        Instant probeAt = halfOpenWithProbeOut();

        breakers.recordSuccess(KEY, probeAt.plusSeconds(2));

        assertThat(breakers.state(KEY, probeAt.plusSeconds(2))).isEqualTo(CLOSED);
        assertThat(breakers.allowRequest(KEY, probeAt.plusSeconds(2))).isTrue();
        assertThat(breakers.consecutiveFailures(KEY)).isZero();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.fromState()).isEqualTo(HALF_OPEN);
            assertThat(event.toState()).isEqualTo(CLOSED);
            assertThat(event.consecutiveFailures()).isZero();
            assertThat(event.reason()).isEqualTo("probe succeeded");
        });
    }

    @Test
    void aFailedProbeReopensAndRestartsTheCoolDown() {
        Instant probeAt = halfOpenWithProbeOut();
        Instant failedAt = probeAt.plusSeconds(5);

        breakers.recordFailure(KEY, "HttpTimeoutException", failedAt);

        assertThat(breakers.state(KEY, failedAt)).isEqualTo(OPEN);
        assertThat(breakers.allowRequest(KEY, failedAt.plus(COOL_DOWN).minusMillis(1))).isFalse();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.fromState()).isEqualTo(HALF_OPEN);
            assertThat(event.toState()).isEqualTo(OPEN);
            assertThat(event.consecutiveFailures()).isEqualTo(4);
            assertThat(event.reason()).isEqualTo("probe failed: HttpTimeoutException");
        });
        assertThat(breakers.allowRequest(KEY, failedAt.plus(COOL_DOWN))).isTrue();
    }

    @Test
    void aProbeThatNeverReportsIsReplacedAfterAnotherCoolDown() {
        Instant probeAt = halfOpenWithProbeOut();

        assertThat(breakers.allowRequest(KEY, probeAt.plus(COOL_DOWN).minusMillis(1))).isFalse();
        assertThat(breakers.allowRequest(KEY, probeAt.plus(COOL_DOWN))).isTrue();
        assertThat(breakers.allowRequest(KEY, probeAt.plus(COOL_DOWN))).isFalse();
        assertThat(events).isEmpty(); // still HALF_OPEN: no transition
    }

    @Test
    void aProbeWithAnIgnoredOutcomeFreesTheSlotForTheNextRequest() {
        Instant probeAt = halfOpenWithProbeOut();

        breakers.recordIgnored(KEY, probeAt.plusSeconds(1));

        assertThat(breakers.state(KEY, probeAt.plusSeconds(1))).isEqualTo(HALF_OPEN);
        assertThat(breakers.allowRequest(KEY, probeAt.plusSeconds(1))).isTrue();
        assertThat(breakers.allowRequest(KEY, probeAt.plusSeconds(1))).isFalse();
        assertThat(events).isEmpty();
    }

    @Test
    void theTargetHealthViewReadsTheInjectedClockAndClassifiesOutcomes() {
        TargetHealth health = breakers;
        AttemptOutcome overloaded = AttemptFailure.upstreamError(ProxyError.overloaded("busy", null),
                null);
        for (int i = 0; i < 3; i++) {
            health.record(KEY, overloaded);
        }
        assertThat(health.isAvailable(KEY)).isFalse();
        assertThat(events).singleElement().extracting(TargetHealthChanged::reason)
                .isEqualTo("3 consecutive failures, last: status 529");

        clock.now = T0.plus(COOL_DOWN);
        assertThat(health.allowRequest(KEY)).isTrue();
        assertThat(health.allowRequest(KEY)).isFalse();
        health.recordSuccess(KEY);
        assertThat(health.isAvailable(KEY)).isTrue();
        assertThat(events).extracting(TargetHealthChanged::toState).containsExactly(OPEN, HALF_OPEN, CLOSED);
        assertThat(events).extracting(TargetHealthChanged::occurredAt).containsExactly(T0, clock.now, clock.now);
    }

    @Test
    void disabledBreakersNeverOpen() {
        CircuitBreakers off = new CircuitBreakers(CircuitBreakerSettings.disabled(), events::add, clock);
        for (int i = 0; i < 100; i++) {
            off.recordFailure(KEY, "status 500", T0);
        }

        assertThat(off.allowRequest(KEY, T0)).isTrue();
        assertThat(off.state(KEY, T0)).isEqualTo(CLOSED);
        assertThat(events).isEmpty();
    }

    @Test
    void aFailingListenerDoesNotUndoTheTransitionNorReachTheCaller() {
        CircuitBreakers breaking = new CircuitBreakers(new CircuitBreakerSettings(1, COOL_DOWN), event -> {
            throw new IllegalStateException("sink down");
        }, clock);

        breaking.recordFailure(KEY, "status 500", T0);

        assertThat(breaking.state(KEY, T0)).isEqualTo(OPEN);
    }

    @Test
    void concurrentCallersAfterTheCoolDownGetExactlyOneProbe() throws Exception {
        opened();
        Instant later = T0.plus(COOL_DOWN);

        List<Boolean> admitted = race(32, () -> breakers.allowRequest(KEY, later));

        assertThat(admitted).filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(events).extracting(TargetHealthChanged::toState).containsExactly(HALF_OPEN);
    }

    @Test
    void concurrentFailuresOpenTheCircuitWithExactlyOneEvent() throws Exception {
        race(16, () -> {
            fail(KEY, 50, T0);
            return true;
        });

        assertThat(breakers.state(KEY, T0)).isEqualTo(OPEN);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.fromState()).isEqualTo(CLOSED);
            assertThat(event.toState()).isEqualTo(OPEN);
            assertThat(event.consecutiveFailures()).isEqualTo(3);
        });
    }

    @Test
    void concurrentProbeResultsCloseTheCircuitWithExactlyOneEvent() throws Exception {
        Instant probeAt = halfOpenWithProbeOut();

        race(16, () -> {
            breakers.recordSuccess(KEY, probeAt.plusSeconds(1));
            return true;
        });

        assertThat(breakers.state(KEY, probeAt.plusSeconds(1))).isEqualTo(CLOSED);
        assertThat(events).extracting(TargetHealthChanged::fromState, TargetHealthChanged::toState)
                .containsExactly(tuple(HALF_OPEN, CLOSED));
    }

    /** Runs {@code task} on {@code threads} threads released together; returns each one's result. */
    private static <T> List<T> race(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return task.call();
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(10, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
