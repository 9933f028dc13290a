package io.turnpike.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * How the proxy's per-target circuit breakers ({@link io.turnpike.proxy.health.CircuitBreakers}) judge a provider
 * target unhealthy.
 *
 * @param enabled          false: every target always counts as available and nothing is recorded
 * @param failureThreshold consecutive failures (5xx, 429, 529, connection failure, timeout) that open the circuit
 * @param coolDown         how long an open circuit refuses requests before one probe is let through; also how
 *                         long a probe may stay unanswered before another request may probe instead
 */
public record CircuitBreakerSettings(boolean enabled, int failureThreshold, Duration coolDown) {

    public static final int DEFAULT_FAILURE_THRESHOLD = 5;
    public static final Duration DEFAULT_COOL_DOWN = Duration.ofSeconds(30);

    public CircuitBreakerSettings {
        Objects.requireNonNull(coolDown, "coolDown");
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1, got " + failureThreshold);
        }
        if (coolDown.isNegative() || coolDown.isZero()) {
            throw new IllegalArgumentException("coolDown must be positive, got " + coolDown);
        }
    }

    /** Enabled, with the given threshold and cool-down. */
    public CircuitBreakerSettings(int failureThreshold, Duration coolDown) {
        this(true, failureThreshold, coolDown);
    }

    /** Enabled: 5 consecutive failures open a target's circuit for 30 s. */
    public static CircuitBreakerSettings defaults() {
        return new CircuitBreakerSettings(DEFAULT_FAILURE_THRESHOLD, DEFAULT_COOL_DOWN);
    }

    /** Never opens: for tests that make one target fail on purpose many times. */
    public static CircuitBreakerSettings disabled() {
        return new CircuitBreakerSettings(false, DEFAULT_FAILURE_THRESHOLD, DEFAULT_COOL_DOWN);
    }
}
