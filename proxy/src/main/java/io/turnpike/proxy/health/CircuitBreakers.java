package io.turnpike.proxy.health;

import io.turnpike.events.request.CircuitState;
import io.turnpike.events.request.TargetHealthChanged;
import io.turnpike.proxy.CircuitBreakerSettings;
import io.turnpike.proxy.RequestEventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static io.turnpike.events.request.CircuitState.CLOSED;
import static io.turnpike.events.request.CircuitState.HALF_OPEN;
import static io.turnpike.events.request.CircuitState.OPEN;

/**
 * One circuit breaker per provider target ({@link CircuitBreakerKey}), shared by every config and request:
 * <ul>
 *   <li>CLOSED → OPEN after {@code failureThreshold} <em>consecutive</em> failures (a success resets the count;
 *       consecutive rather than a failure ratio over a window, so that the state depends on the order of outcomes
 *       only, not on traffic volume or wall-clock buckets);</li>
 *   <li>OPEN refuses until {@code coolDown} has passed since it opened; then the first {@link #allowRequest} is let
 *       through as the probe: OPEN → HALF_OPEN;</li>
 *   <li>HALF_OPEN refuses everyone but the probe; a success closes (HALF_OPEN → CLOSED), a failure reopens and
 *       restarts the cool-down (HALF_OPEN → OPEN). A probe that reports nothing within {@code coolDown} (its caller
 *       gave up) or reports an {@link TargetHealthSignal#IGNORED ignored} outcome frees the slot for the next.</li>
 * </ul>
 * Outcomes arriving while OPEN and cooling down come from requests let through before it opened and change
 * nothing (the cool-down does not restart for stragglers). An outcome arriving while OPEN after the cool-down
 * (a caller that sent without {@link #allowRequest}) is taken as the probe's: OPEN → HALF_OPEN, then closed or
 * reopened by it.
 *
 * <p>Thread-safe without locks: each target's state is an immutable {@link Circuit} swapped by compare-and-set, and
 * the one caller whose swap makes a transition publishes its {@link TargetHealthChanged} — exactly one event per
 * transition however many threads race. Entries are created by the first failure only, so healthy targets cost
 * nothing; their number is bounded by the provider targets configs name.
 */
public final class CircuitBreakers implements TargetHealth {
    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreakers.class);

    /** One target's breaker at one moment; replaced whole, never changed. */
    private record Circuit(CircuitState state, int failures, Instant openedAt, Instant probeStartedAt) {
        static final Circuit HEALTHY = new Circuit(CLOSED, 0, null, null);
    }

    private final CircuitBreakerSettings settings;
    private final Consumer<TargetHealthChanged> listener;
    private final Clock clock;
    private final ConcurrentMap<CircuitBreakerKey, AtomicReference<Circuit>> circuits = new ConcurrentHashMap<>();

    /**
     * @param listener receives each transition on the thread that caused it; must not block (a
     *                 {@link RequestEventSink}'s {@code publish} qualifies)
     */
    CircuitBreakers(CircuitBreakerSettings settings, Consumer<TargetHealthChanged> listener, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Publishing transitions to {@code sink} ({@link io.turnpike.events.Topics#HEALTH} for the Kafka sink). */
    public static CircuitBreakers publishingTo(CircuitBreakerSettings settings, RequestEventSink sink, Clock clock) {
        return new CircuitBreakers(settings, sink::publish, clock);
    }

    @Override
    public boolean isAvailable(CircuitBreakerKey key) {
        return isAvailable(key, clock.instant());
    }

    @Override
    public boolean allowRequest(CircuitBreakerKey key) {
        return allowRequest(key, clock.instant());
    }

    @Override
    public void record(CircuitBreakerKey key, TargetHealthSignal signal, String cause) {
        Instant now = clock.instant();
        switch (signal) {
            case SUCCESS -> recordSuccess(key, now);
            case FAILURE -> recordFailure(key, cause, now);
            case IGNORED -> recordIgnored(key, now);
        }
    }

    /** Whether {@link #allowRequest} would say yes at {@code now}, without taking the probe slot. */
    boolean isAvailable(CircuitBreakerKey key, Instant now) {
        Circuit circuit = current(key);
        return switch (circuit.state()) {
            case CLOSED -> true;
            case OPEN -> coolDownOver(circuit.openedAt(), now);
            case HALF_OPEN -> probeSlotFree(circuit, now);
        };
    }

    /** Whether to send a request to {@code key} now; in HALF_OPEN, true for exactly one caller (the probe). */
    boolean allowRequest(CircuitBreakerKey key, Instant now) {
        AtomicReference<Circuit> ref = settings.enabled() ? circuits.get(key) : null;
        if (ref == null) {
            return true;
        }
        while (true) {
            Circuit circuit = ref.get();
            switch (circuit.state()) {
                case CLOSED -> {
                    return true;
                }
                case OPEN -> {
                    if (!coolDownOver(circuit.openedAt(), now)) {
                        return false;
                    }
                    if (becameHalfOpen(key, ref, circuit, now)) {
                        return true;
                    }
                }
                case HALF_OPEN -> {
                    if (!probeSlotFree(circuit, now)) {
                        return false;
                    }
                    if (ref.compareAndSet(circuit, new Circuit(HALF_OPEN, circuit.failures(), circuit.openedAt(),
                            now))) {
                        return true;
                    }
                }
            }
            // Lost a race with another caller: decide again on what it left.
        }
    }

    void recordSuccess(CircuitBreakerKey key, Instant now) {
        AtomicReference<Circuit> ref = settings.enabled() ? circuits.get(key) : null;
        if (ref == null) {
            return;
        }
        while (true) {
            Circuit circuit = ref.get();
            if (circuit.state() == CLOSED && circuit.failures() == 0 || isStraggler(circuit, now)) {
                return;
            }
            if (circuit.state() == OPEN) {
                becameHalfOpen(key, ref, circuit, now);
                continue;
            }
            if (ref.compareAndSet(circuit, Circuit.HEALTHY)) {
                if (circuit.state() == HALF_OPEN) {
                    transitioned(key, circuit, Circuit.HEALTHY, "probe succeeded", now);
                }
                return;
            }
        }
    }

    void recordFailure(CircuitBreakerKey key, String cause, Instant now) {
        if (!settings.enabled()) {
            return;
        }
        AtomicReference<Circuit> ref = circuits.computeIfAbsent(key, k -> new AtomicReference<>(Circuit.HEALTHY));
        String described = cause == null ? "failure" : cause;
        while (true) {
            Circuit circuit = ref.get();
            if (isStraggler(circuit, now)) {
                return;
            }
            int failures = circuit.failures() + 1;
            Circuit next;
            String reason;
            switch (circuit.state()) {
                case OPEN -> {
                    becameHalfOpen(key, ref, circuit, now);
                    continue;
                }
                case HALF_OPEN -> {
                    next = new Circuit(OPEN, failures, now, null);
                    reason = "probe failed: " + described;
                }
                default -> {
                    boolean trips = failures >= settings.failureThreshold();
                    next = trips ? new Circuit(OPEN, failures, now, null) : new Circuit(CLOSED, failures, null, null);
                    reason = failures + " consecutive failures, last: " + described;
                }
            }
            if (ref.compareAndSet(circuit, next)) {
                if (next.state() != circuit.state()) {
                    transitioned(key, circuit, next, reason, now);
                }
                return;
            }
        }
    }

    /** An outcome that says nothing about health; frees the half-open probe slot if it was the probe's. */
    void recordIgnored(CircuitBreakerKey key, Instant now) {
        AtomicReference<Circuit> ref = settings.enabled() ? circuits.get(key) : null;
        if (ref == null) {
            return;
        }
        Circuit circuit = ref.get();
        if (circuit.state() == HALF_OPEN && circuit.probeStartedAt() != null) {
            // A lost race means someone else changed the state meanwhile, which supersedes this.
            ref.compareAndSet(circuit, new Circuit(HALF_OPEN, circuit.failures(), circuit.openedAt(), null));
        }
    }

    /** The state at {@code now}; an OPEN circuit whose cool-down is over reads HALF_OPEN (the next request probes). */
    CircuitState state(CircuitBreakerKey key, Instant now) {
        Circuit circuit = current(key);
        if (circuit.state() == OPEN && coolDownOver(circuit.openedAt(), now)) {
            return HALF_OPEN;
        }
        return circuit.state();
    }

    /** Consecutive failures counted for {@code key} (the count that opened it, while open or half-open). */
    int consecutiveFailures(CircuitBreakerKey key) {
        return current(key).failures();
    }

    private Circuit current(CircuitBreakerKey key) {
        AtomicReference<Circuit> ref = settings.enabled() ? circuits.get(key) : null;
        return ref == null ? Circuit.HEALTHY : ref.get();
    }

    /**
     * Takes the probe slot of an OPEN circuit whose cool-down is over: OPEN → HALF_OPEN, published by the winner.
     * False when another caller changed the circuit first.
     */
    private boolean becameHalfOpen(CircuitBreakerKey key, AtomicReference<Circuit> ref, Circuit open, Instant now) {
        Circuit probing = new Circuit(HALF_OPEN, open.failures(), open.openedAt(), now);
        if (!ref.compareAndSet(open, probing)) {
            return false;
        }
        transitioned(key, open, probing, "cool-down elapsed, probe let through", now);
        return true;
    }

    /**
     * An outcome reported while OPEN and still cooling down: its request was sent before the circuit opened, so it
     * changes nothing. After the cool-down, an outcome of a request that did not ask {@link #allowRequest} first
     * counts as the probe's (the circuit must not stay open for a caller that only ever asked
     * {@link #isAvailable}).
     */
    private boolean isStraggler(Circuit circuit, Instant now) {
        return circuit.state() == OPEN && !coolDownOver(circuit.openedAt(), now);
    }

    private boolean coolDownOver(Instant since, Instant now) {
        return !now.isBefore(since.plus(settings.coolDown()));
    }

    private boolean probeSlotFree(Circuit halfOpen, Instant now) {
        return halfOpen.probeStartedAt() == null || coolDownOver(halfOpen.probeStartedAt(), now);
    }

    private void transitioned(CircuitBreakerKey key, Circuit from, Circuit to, String reason, Instant now) {
        if (to.state() == OPEN) {
            LOG.warn("circuit for target {} {} -> {}: {}", key, from.state(), to.state(), reason);
        } else {
            LOG.info("circuit for target {} {} -> {}: {}", key, from.state(), to.state(), reason);
        }
        TargetHealthChanged event = new TargetHealthChanged(TargetHealthChanged.SCHEMA_VERSION, now, key.value(),
                key.providerId(), key.model(), from.state(), to.state(), to.failures(), reason);
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            // The state has changed already; a sink's trouble must not fail the request that caused it.
            LOG.error("health event for target {} could not be published", key, e);
        }
    }
}
