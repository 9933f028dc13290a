package io.turnpike.events.request;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;

/**
 * The proxy's circuit breaker for a provider target changed state: {@code CLOSED → OPEN} after too many consecutive
 * failures, {@code OPEN → HALF_OPEN} when the first request after the cool-down is let through as a probe,
 * {@code HALF_OPEN → CLOSED} when the probe succeeded, {@code HALF_OPEN → OPEN} when it failed. Exactly one event is
 * published per transition, keyed by {@code targetKey}.
 *
 * <p>The breaker is per provider target, shared by every config that sends to it: {@code targetKey} is the provider
 * id, followed by {@code /} and the model when the target's {@code override_params} force one
 * ({@code anthropic-main/claude-sonnet-4-5}). {@code consecutiveFailures} is the count after the transition's cause
 * (0 once closed); {@code reason} says what caused it ({@code "status 529"}, {@code "ConnectException"},
 * {@code "cool-down elapsed"}, {@code "probe succeeded"}) and never holds request content.
 */
public record TargetHealthChanged(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("target_key") String targetKey,
        @JsonProperty("provider") String provider,
        @JsonProperty("model") String model,
        @JsonProperty("from_state") CircuitState fromState,
        @JsonProperty("to_state") CircuitState toState,
        @JsonProperty("consecutive_failures") int consecutiveFailures,
        @JsonProperty("reason") String reason) {

    public static final int SCHEMA_VERSION = 1;

    public TargetHealthChanged {
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(targetKey, "target_key");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(fromState, "from_state");
        Objects.requireNonNull(toState, "to_state");
        if (fromState == toState) {
            throw new IllegalArgumentException("a health change needs two different states, got " + fromState);
        }
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutive_failures must not be negative");
        }
    }
}
