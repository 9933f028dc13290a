package io.turnpike.events.guardrails;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** A guardrail stops applying anywhere; its id is not reused (its history stays in the event store). */
public record GuardrailRetired(
        @JsonProperty("guardrail_id") String guardrailId,
        @JsonProperty("version") int version,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
