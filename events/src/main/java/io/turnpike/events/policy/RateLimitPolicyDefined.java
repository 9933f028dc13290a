package io.turnpike.events.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Map;

/**
 * A rate-limit policy was created or replaced (the latest definition is the policy). {@code scope} is
 * {@code key}, {@code user}, {@code team} or {@code tenant}: each value of it is counted separately;
 * {@code match} restricts the policy to requests whose key id ({@code key}) or metadata fields equal the given
 * values (empty: every request). Limits left null are not enforced; at least one is set.
 */
public record RateLimitPolicyDefined(
        @JsonProperty("policy_id") String policyId,
        @JsonProperty("scope") String scope,
        @JsonProperty("match") Map<String, String> match,
        @JsonProperty("requests_per_minute") Long requestsPerMinute,
        @JsonProperty("requests_per_hour") Long requestsPerHour,
        @JsonProperty("requests_per_day") Long requestsPerDay,
        @JsonProperty("tokens_per_minute") Long tokensPerMinute,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt) {

    public RateLimitPolicyDefined {
        match = match == null ? Map.of() : Map.copyOf(match);
    }
}
