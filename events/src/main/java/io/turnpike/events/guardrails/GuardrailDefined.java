package io.turnpike.events.guardrails;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * A guardrail was created (version 1) or redefined (each later version replaces the whole document).
 * {@code document} is the normalised JSON of {@link GuardrailDocument#toJson()}: defaults spelled out, so that a
 * later change of a default cannot change what an old version meant.
 */
public record GuardrailDefined(
        @JsonProperty("guardrail_id") String guardrailId,
        @JsonProperty("version") int version,
        @JsonProperty("document") String document,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
