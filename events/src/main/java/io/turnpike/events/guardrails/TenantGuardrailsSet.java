package io.turnpike.events.guardrails;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * A tenant's guardrail settings were set or replaced as a whole: its mandatory guardrails (an empty list clears
 * them), which apply to every request of the tenant in addition to whatever its config attaches and which a config
 * cannot remove; and {@code warnStatus}, the status of a response served although a {@code warn} guardrail flagged
 * it: {@value #WARN_STATUS_DEFAULT} (with the {@code x-turnpike-guardrail-verdict} header) or
 * {@value #WARN_STATUS_OPT_IN} for tenants that opted in to that convention. Events written before the setting
 * existed read as {@value #WARN_STATUS_DEFAULT}, which is what applied then.
 */
public record TenantGuardrailsSet(
        @JsonProperty("tenant") String tenant,
        @JsonProperty("guardrail_ids") List<String> guardrailIds,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("warn_status") Integer warnStatus) {
    public static final int WARN_STATUS_DEFAULT = 200;
    public static final int WARN_STATUS_OPT_IN = 246;

    public TenantGuardrailsSet {
        guardrailIds = guardrailIds == null ? List.of() : List.copyOf(guardrailIds);
        warnStatus = warnStatus == null ? WARN_STATUS_DEFAULT : warnStatus;
    }

    /** Settings with the default warn status (and events written before the setting existed). */
    public TenantGuardrailsSet(String tenant, List<String> guardrailIds, String actor, Instant occurredAt) {
        this(tenant, guardrailIds, actor, occurredAt, null);
    }
}
