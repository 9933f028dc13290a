package io.turnpike.aggregates;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Replace a tenant's mandatory guardrails as a whole; an empty list clears them. */
record SetTenantGuardrailsCommand(String tenant, List<String> guardrailIds, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.tenantGuardrails(tenant);
    }
}
