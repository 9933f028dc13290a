package io.turnpike.aggregates.guardrails;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create a guardrail (version 1) or replace its document (next version); the document names its own id. */
public record DefineGuardrailCommand(String guardrailId, String document, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.guardrail(guardrailId);
    }
}
