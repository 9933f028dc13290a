package io.turnpike.events.guardrails;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * A tenant's mandatory guardrails were set or replaced as a whole (an empty list clears them). They apply to every
 * request of the tenant in addition to whatever its config attaches; a config cannot remove them.
 */
public record TenantGuardrailsSet(
        @JsonProperty("tenant") String tenant,
        @JsonProperty("guardrail_ids") List<String> guardrailIds,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt) {
    public TenantGuardrailsSet {
        guardrailIds = guardrailIds == null ? List.of() : List.copyOf(guardrailIds);
    }
}
