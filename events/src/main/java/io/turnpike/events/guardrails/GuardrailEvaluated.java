package io.turnpike.events.guardrails;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;

/**
 * One guardrail check evaluated on one request: the verdict, what the proxy did about it, the matched category and
 * how many spans matched — never the matched text itself (it may be a secret). Keyed by request id on
 * {@link io.turnpike.events.Topics#GUARDRAILS}.
 *
 * @param guardrailVersion the admin object's version; 0 for a guardrail written inline in a config
 * @param verdict          {@code PASS}, {@code FAIL} or {@code ERROR}
 * @param actionTaken      {@code none}, {@code deny}, {@code warn} or {@code redact}
 * @param appliesTo        {@code input} or {@code output}
 */
public record GuardrailEvaluated(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("trace_id") String traceId,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("tenant") String tenant,
        @JsonProperty("team") String team,
        @JsonProperty("user") String user,
        @JsonProperty("env") String env,
        @JsonProperty("guardrail_id") String guardrailId,
        @JsonProperty("guardrail_version") long guardrailVersion,
        @JsonProperty("check_type") String checkType,
        @JsonProperty("verdict") String verdict,
        @JsonProperty("action_taken") String actionTaken,
        @JsonProperty("category") String category,
        @JsonProperty("match_count") int matchCount,
        @JsonProperty("latency_micros") long latencyMicros,
        @JsonProperty("applies_to") String appliesTo) {

    public static final int SCHEMA_VERSION = 1;
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";

    public GuardrailEvaluated {
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(requestId, "request_id");
        Objects.requireNonNull(guardrailId, "guardrail_id");
        Objects.requireNonNull(checkType, "check_type");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(actionTaken, "action_taken");
        Objects.requireNonNull(appliesTo, "applies_to");
    }
}
