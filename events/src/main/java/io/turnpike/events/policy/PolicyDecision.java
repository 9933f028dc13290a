package io.turnpike.events.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One governance decision about one request, so the logs show why a request was refused and the audit trail shows
 * every limit that applied: authentication, metadata validation or override attempts, budget reserve / refuse /
 * settle / release, rate-limit allow / refuse, user blocks. Keyed by request id.
 *
 * <p>{@code policyType} is one of {@link #AUTHENTICATION}, {@link #METADATA}, {@link #BUDGET},
 * {@link #RATE_LIMIT}, {@link #USER_BLOCK}; {@code policyId} names the rule (a budget id, a rate-limit id, a key
 * id); {@code decision} is what happened ({@code allow}, {@code refuse}, {@code warn}, {@code reserve},
 * {@code settle}, {@code release}, …); {@code reason} is for people; {@code details} holds small non-secret
 * facts (amounts, limits, the field someone tried to override) — never prompt content or key material.
 */
public record PolicyDecision(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("trace_id") String traceId,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("tenant") String tenant,
        @JsonProperty("team") String team,
        @JsonProperty("user") String user,
        @JsonProperty("env") String env,
        @JsonProperty("policy_type") String policyType,
        @JsonProperty("policy_id") String policyId,
        @JsonProperty("decision") String decision,
        @JsonProperty("reason") String reason,
        @JsonProperty("details") Map<String, String> details) {

    public static final int SCHEMA_VERSION = 1;
    public static final String AUTHENTICATION = "authentication";
    public static final String METADATA = "metadata";
    public static final String BUDGET = "budget";
    public static final String RATE_LIMIT = "rate_limit";
    public static final String USER_BLOCK = "user_block";

    public PolicyDecision {
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(policyType, "policy_type");
        Objects.requireNonNull(decision, "decision");
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
