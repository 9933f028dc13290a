package io.turnpike.aggregates.guardrails;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stop applying a guardrail anywhere; its id is not reused. */
public record RetireGuardrailCommand(String guardrailId, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.guardrail(guardrailId);
    }
}
