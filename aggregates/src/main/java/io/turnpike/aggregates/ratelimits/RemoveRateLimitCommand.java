package io.turnpike.aggregates.ratelimits;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stop enforcing a rate-limit policy. */
public record RemoveRateLimitCommand(String policyId, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.rateLimit(policyId);
    }
}
