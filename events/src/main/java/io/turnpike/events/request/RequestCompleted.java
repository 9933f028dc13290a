package io.turnpike.events.request;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One proxied request, finished (successfully or not). Emitted by the proxy off the hot path, keyed by
 * {@code requestId}; consumers must treat a second copy with the same id as a replay, not a new request.
 *
 * <p>Money is never a float: {@code costNanoUsd} is USD × 10⁹, computed with the price table named by
 * {@code priceVersion}.
 */
public record RequestCompleted(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("trace_id") String traceId,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("completed_at") Instant completedAt,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("tenant") String tenant,
        @JsonProperty("team") String team,
        @JsonProperty("user") String user,
        @JsonProperty("env") String env,
        @JsonProperty("metadata") Map<String, String> metadata,
        @JsonProperty("config_id") String configId,
        @JsonProperty("provider") String provider,
        @JsonProperty("provider_type") String providerType,
        @JsonProperty("requested_model") String requestedModel,
        @JsonProperty("served_model") String servedModel,
        @JsonProperty("endpoint") String endpoint,
        @JsonProperty("stream") boolean stream,
        @JsonProperty("http_status") int httpStatus,
        @JsonProperty("error_type") String errorType,
        @JsonProperty("usage") TokenUsage usage,
        @JsonProperty("cost_nano_usd") long costNanoUsd,
        @JsonProperty("price_version") String priceVersion,
        @JsonProperty("latency_ms") long latencyMs,
        @JsonProperty("time_to_first_token_ms") Long timeToFirstTokenMs,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("user_agent") String userAgent) {

    public static final int SCHEMA_VERSION = 1;

    public RequestCompleted {
        Objects.requireNonNull(requestId, "request_id");
        Objects.requireNonNull(startedAt, "started_at");
        Objects.requireNonNull(completedAt, "completed_at");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        usage = usage == null ? TokenUsage.NONE : usage;
        if (costNanoUsd < 0) {
            throw new IllegalArgumentException("cost_nano_usd must not be negative");
        }
    }

    /** The cost in USD, exact. */
    public BigDecimal costUsd() {
        return BigDecimal.valueOf(costNanoUsd, 9);
    }
}
