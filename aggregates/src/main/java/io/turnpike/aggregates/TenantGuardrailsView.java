package io.turnpike.aggregates;

import java.util.List;

/**
 * A tenant's guardrail settings: the guardrail ids every request of the tenant runs (in order; empty: none) and the
 * status of a response served although a {@code warn} guardrail flagged it (200, or 246 when the tenant opted in).
 */
public record TenantGuardrailsView(String tenant, List<String> guardrailIds, int warnStatus) {
    public TenantGuardrailsView {
        guardrailIds = List.copyOf(guardrailIds);
    }
}
