package io.turnpike.aggregates;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stop enforcing a rate-limit policy. */
record RemoveRateLimitCommand(String policyId, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.rateLimit(policyId);
    }
}
