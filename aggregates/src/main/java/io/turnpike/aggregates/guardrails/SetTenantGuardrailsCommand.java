package io.turnpike.aggregates.guardrails;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Replace a tenant's guardrail settings as a whole: its mandatory guardrails (an empty list clears them) and the
 * status of responses a {@code warn} guardrail flagged ({@code warnStatus} null: 200, the default).
 */
public record SetTenantGuardrailsCommand(String tenant, List<String> guardrailIds, Integer warnStatus, String actor) {

    /** The guardrails with the default warn status. */
    SetTenantGuardrailsCommand(String tenant, List<String> guardrailIds, String actor) {
        this(tenant, guardrailIds, null, actor);
    }

    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.tenantGuardrails(tenant);
    }
}
