package io.turnpike.aggregates.ratelimits;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/** Create or replace a rate-limit policy; see {@link RateLimitPolicy} for the rules. */
public record DefineRateLimitCommand(String policyId, String scope, Map<String, String> match, Long requestsPerMinute,
                                     Long requestsPerHour, Long requestsPerDay, Long tokensPerMinute, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.rateLimit(policyId);
    }
}
