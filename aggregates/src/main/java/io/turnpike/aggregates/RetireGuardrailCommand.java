package io.turnpike.aggregates;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stop applying a guardrail anywhere; its id is not reused. */
record RetireGuardrailCommand(String guardrailId, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.guardrail(guardrailId);
    }
}
