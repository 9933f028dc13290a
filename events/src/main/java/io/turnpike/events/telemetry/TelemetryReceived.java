package io.turnpike.events.telemetry;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One OTLP/HTTP export a client (typically Claude Code) sent to the proxy, attributed like a request: the key,
 * tenant/team/user/env and the effective metadata. It carries what the export was about (its signal, resource
 * attributes and how many items it held), never the telemetry payload itself.
 *
 * <p>{@code itemCount} is the number of metric data points, log records or spans; {@code bodyBytes} is the size
 * of the body as received on the wire (before any gzip decoding).
 */
public record TelemetryReceived(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("received_at") Instant receivedAt,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("tenant") String tenant,
        @JsonProperty("team") String team,
        @JsonProperty("user") String user,
        @JsonProperty("env") String env,
        @JsonProperty("metadata") Map<String, String> metadata,
        @JsonProperty("config_id") String configId,
        @JsonProperty("signal") Signal signal,
        @JsonProperty("resource_attributes") Map<String, String> resourceAttributes,
        @JsonProperty("item_count") long itemCount,
        @JsonProperty("body_bytes") long bodyBytes,
        @JsonProperty("content_type") String contentType,
        @JsonProperty("user_agent") String userAgent) {

    public static final int SCHEMA_VERSION = 1;

    /** The three OTLP signals, written in lower case as in their paths ({@code /v1/metrics} …). */
    public enum Signal {
        @JsonProperty("metrics") METRICS,
        @JsonProperty("logs") LOGS,
        @JsonProperty("traces") TRACES;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TelemetryReceived {
        Objects.requireNonNull(receivedAt, "received_at");
        Objects.requireNonNull(requestId, "request_id");
        Objects.requireNonNull(signal, "signal");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        resourceAttributes = resourceAttributes == null ? Map.of() : Map.copyOf(resourceAttributes);
        if (itemCount < 0 || bodyBytes < 0) {
            throw new IllegalArgumentException("item_count and body_bytes must not be negative");
        }
    }
}
