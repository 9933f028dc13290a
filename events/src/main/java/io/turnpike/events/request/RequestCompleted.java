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
 *
 * <p>{@code configVersion}, {@code attempts} (upstream attempts made, retries included) and {@code targetPath}
 * (the config target that answered, e.g. {@code config.targets[0]}) were added later and are null in older
 * events and for requests that never reached a target.
 *
 * <p>{@code cacheStatus} ({@code HIT}, {@code MISS}, {@code REFRESH}, {@code DISABLED}; null where the response
 * cache does not apply, e.g. count_tokens) and {@code savedCostNanoUsd} were added after those. On a {@code HIT} no
 * upstream was called: {@code usage} is the stored response's usage, {@code costNanoUsd} is 0 and
 * {@code savedCostNanoUsd} is what the same usage would have cost with the current price table; it is null
 * otherwise.
 *
 * <p>{@code errorMessage} is the gateway's own explanation when it refused or failed the request (which budget, rate
 * limit, guardrail, block or policy) — never an upstream's body and never prompt content; null otherwise.
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
        @JsonProperty("user_agent") String userAgent,
        @JsonProperty("config_version") Integer configVersion,
        @JsonProperty("attempts") Integer attempts,
        @JsonProperty("target_path") String targetPath,
        @JsonProperty("cache_status") String cacheStatus,
        @JsonProperty("saved_cost_nano_usd") Long savedCostNanoUsd,
        @JsonProperty("error_message") String errorMessage) {

    public static final int SCHEMA_VERSION = 1;

    /** Without the gateway's error message (events written before it was recorded). */
    public RequestCompleted(int schemaVersion, String requestId, String traceId, Instant startedAt,
                            Instant completedAt, String keyId, String tenant, String team, String user, String env,
                            Map<String, String> metadata, String configId, String provider, String providerType,
                            String requestedModel, String servedModel, String endpoint, boolean stream, int httpStatus,
                            String errorType, TokenUsage usage, long costNanoUsd, String priceVersion, long latencyMs,
                            Long timeToFirstTokenMs, String sessionId, String userAgent, Integer configVersion,
                            Integer attempts, String targetPath, String cacheStatus, Long savedCostNanoUsd) {
        this(schemaVersion, requestId, traceId, startedAt, completedAt, keyId, tenant, team, user, env, metadata,
                configId, provider, providerType, requestedModel, servedModel, endpoint, stream, httpStatus, errorType,
                usage, costNanoUsd, priceVersion, latencyMs, timeToFirstTokenMs, sessionId, userAgent, configVersion,
                attempts, targetPath, cacheStatus, savedCostNanoUsd, null);
    }

    public RequestCompleted {
        Objects.requireNonNull(requestId, "request_id");
        Objects.requireNonNull(startedAt, "started_at");
        Objects.requireNonNull(completedAt, "completed_at");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        usage = usage == null ? TokenUsage.NONE : usage;
        if (costNanoUsd < 0) {
            throw new IllegalArgumentException("cost_nano_usd must not be negative");
        }
        if (savedCostNanoUsd != null && savedCostNanoUsd < 0) {
            throw new IllegalArgumentException("saved_cost_nano_usd must not be negative");
        }
    }

    /** The shape before the response cache was recorded: {@code cacheStatus} and {@code savedCostNanoUsd} null. */
    public RequestCompleted(int schemaVersion, String requestId, String traceId, Instant startedAt,
                            Instant completedAt, String keyId, String tenant, String team, String user, String env,
                            Map<String, String> metadata, String configId, String provider, String providerType,
                            String requestedModel, String servedModel, String endpoint, boolean stream, int httpStatus,
                            String errorType, TokenUsage usage, long costNanoUsd, String priceVersion, long latencyMs,
                            Long timeToFirstTokenMs, String sessionId, String userAgent, Integer configVersion,
                            Integer attempts, String targetPath) {
        this(schemaVersion, requestId, traceId, startedAt, completedAt, keyId, tenant, team, user, env, metadata,
                configId, provider, providerType, requestedModel, servedModel, endpoint, stream, httpStatus, errorType,
                usage, costNanoUsd, priceVersion, latencyMs, timeToFirstTokenMs, sessionId, userAgent, configVersion,
                attempts, targetPath, null, null, null);
    }

    /** The shape before routing details were recorded: those three fields are null. */
    public RequestCompleted(int schemaVersion, String requestId, String traceId, Instant startedAt,
                            Instant completedAt, String keyId, String tenant, String team, String user, String env,
                            Map<String, String> metadata, String configId, String provider, String providerType,
                            String requestedModel, String servedModel, String endpoint, boolean stream, int httpStatus,
                            String errorType, TokenUsage usage, long costNanoUsd, String priceVersion, long latencyMs,
                            Long timeToFirstTokenMs, String sessionId, String userAgent) {
        this(schemaVersion, requestId, traceId, startedAt, completedAt, keyId, tenant, team, user, env, metadata,
                configId, provider, providerType, requestedModel, servedModel, endpoint, stream, httpStatus, errorType,
                usage, costNanoUsd, priceVersion, latencyMs, timeToFirstTokenMs, sessionId, userAgent, null, null,
                null, null, null, null);
    }

    /** The cost in USD, exact. */
    public BigDecimal costUsd() {
        return BigDecimal.valueOf(costNanoUsd, 9);
    }
}
