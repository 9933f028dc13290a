package io.turnpike.events.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** A rate-limit policy no longer applies; defining it again starts it afresh. */
public record RateLimitPolicyRemoved(
        @JsonProperty("policy_id") String policyId,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
