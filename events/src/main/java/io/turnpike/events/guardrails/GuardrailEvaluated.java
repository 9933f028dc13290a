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
 * @param checkIndex       the check's position in the guardrail's {@code checks} (0-based): with the request,
 *                         guardrail and direction it identifies one evaluation, so that a replayed event is counted
 *                         once while two checks of the same type in one guardrail are not merged. {@code null} in
 *                         events from producers that predate it (read as 0).
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
        @JsonProperty("applies_to") String appliesTo,
        @JsonProperty("check_index") Integer checkIndex) {

    public static final int SCHEMA_VERSION = 1;
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";

    /** Without the check's position, as producers wrote the event before {@code check_index} existed. */
    public GuardrailEvaluated(int schemaVersion, Instant occurredAt, String requestId, String traceId, String keyId,
                              String tenant, String team, String user, String env, String guardrailId,
                              long guardrailVersion, String checkType, String verdict, String actionTaken,
                              String category, int matchCount, long latencyMicros, String appliesTo) {
        this(schemaVersion, occurredAt, requestId, traceId, keyId, tenant, team, user, env, guardrailId,
                guardrailVersion, checkType, verdict, actionTaken, category, matchCount, latencyMicros, appliesTo,
                null);
    }

    public GuardrailEvaluated {
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(requestId, "request_id");
        Objects.requireNonNull(guardrailId, "guardrail_id");
        Objects.requireNonNull(checkType, "check_type");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(actionTaken, "action_taken");
        Objects.requireNonNull(appliesTo, "applies_to");
        if (checkIndex != null && checkIndex < 0) {
            throw new IllegalArgumentException("check_index must be ≥ 0: " + checkIndex);
        }
    }
}
