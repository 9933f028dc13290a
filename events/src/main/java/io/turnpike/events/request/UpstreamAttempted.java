package io.turnpike.events.request;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt the proxy made at an upstream on behalf of a request: the first try, each retry and (later) each
 * fallback target. Linked to its {@link RequestCompleted} by {@code requestId}; {@code attemptIndex} counts all
 * attempts of the request from 0, {@code retryIndex} the retries of the same target from 0 (0 = first try).
 *
 * <p>{@code status} is the HTTP status the attempt produced (for a connection failure or timeout: the status
 * the client would have got, 500 or 504); {@code errorType} is the Anthropic error type and {@code errorClass}
 * names what went wrong below HTTP ({@code ConnectException}, {@code HttpTimeoutException},
 * {@code request_timeout} …), both null for a 2xx.
 */
public record UpstreamAttempted(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("trace_id") String traceId,
        @JsonProperty("attempt_index") int attemptIndex,
        @JsonProperty("retry_index") int retryIndex,
        @JsonProperty("target_path") String targetPath,
        @JsonProperty("provider") String provider,
        @JsonProperty("provider_type") String providerType,
        @JsonProperty("model") String model,
        @JsonProperty("status") int status,
        @JsonProperty("latency_ms") long latencyMs,
        @JsonProperty("error_type") String errorType,
        @JsonProperty("error_class") String errorClass,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("completed_at") Instant completedAt) {

    public static final int SCHEMA_VERSION = 1;

    public UpstreamAttempted {
        Objects.requireNonNull(requestId, "request_id");
        Objects.requireNonNull(startedAt, "started_at");
        Objects.requireNonNull(completedAt, "completed_at");
        if (attemptIndex < 0 || retryIndex < 0 || retryIndex > attemptIndex) {
            throw new IllegalArgumentException("attempt_index and retry_index must satisfy 0 <= retry <= attempt");
        }
    }
}
