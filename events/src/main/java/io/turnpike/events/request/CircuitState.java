package io.turnpike.events.request;

/**
 * The state of the proxy's circuit breaker for one provider target, as {@link TargetHealthChanged} reports it.
 * Written to JSON by name; a new state would be a new schema version.
 */
public enum CircuitState {
    /** Healthy: every request goes through; consecutive failures are counted. */
    CLOSED,
    /** Unhealthy: requests skip the target until the cool-down has passed. */
    OPEN,
    /** Recovering: exactly one probe request is let through; its outcome closes or reopens the circuit. */
    HALF_OPEN
}
