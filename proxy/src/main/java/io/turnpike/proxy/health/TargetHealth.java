package io.turnpike.proxy.health;

import io.turnpike.proxy.providers.AttemptOutcome;

/**
 * Whether a provider target may be sent to now, and what its attempts turned out to be: what fallback and load
 * balancing consult to skip an unhealthy target until it recovers. Implemented by {@link CircuitBreakers}; every
 * method is non-blocking and safe to call from any IO thread.
 *
 * <p>Use: filter candidates with {@link #isAvailable} (no side effect), call
 * {@link #allowRequest} right before each attempt at the chosen target — it may hand out the single half-open
 * probe — and {@link #record} every attempt's outcome. A {@code false} from {@link #allowRequest} means another
 * request holds the probe: skip the target (or, with no alternative, send anyway — the outcome is still recorded).
 */
public interface TargetHealth {

    /** Never refuses, records nothing: for callers and tests that run without circuit breaking. */
    TargetHealth ALWAYS_AVAILABLE = new TargetHealth() {
        @Override
        public boolean isAvailable(CircuitBreakerKey key) {
            return true;
        }

        @Override
        public boolean allowRequest(CircuitBreakerKey key) {
            return true;
        }

        @Override
        public void record(CircuitBreakerKey key, TargetHealthSignal signal, String cause) {
        }
    };

    /** Whether a request would be let through now; takes nothing (unlike {@link #allowRequest}). */
    boolean isAvailable(CircuitBreakerKey key);

    /** Whether to send this attempt; may take the half-open probe slot, so call it only right before sending. */
    boolean allowRequest(CircuitBreakerKey key);

    /**
     * An attempt's result; {@code cause} is a short, content-free description for health events
     * ({@code "status 529"}, {@code "ConnectException"}), used for failures only.
     */
    void record(CircuitBreakerKey key, TargetHealthSignal signal, String cause);

    /** Classifies and records an attempt's outcome (see {@link TargetHealthSignal}). */
    default void record(CircuitBreakerKey key, AttemptOutcome outcome) {
        record(key, TargetHealthSignal.of(outcome), TargetHealthSignal.cause(outcome));
    }

    default void recordSuccess(CircuitBreakerKey key) {
        record(key, TargetHealthSignal.SUCCESS, null);
    }

    default void recordFailure(CircuitBreakerKey key, String cause) {
        record(key, TargetHealthSignal.FAILURE, cause);
    }

}
