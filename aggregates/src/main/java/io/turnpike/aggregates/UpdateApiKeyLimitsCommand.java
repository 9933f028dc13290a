package io.turnpike.aggregates;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Replace a key's limits as a whole (null allowed models: any; null expiry: never). */
record UpdateApiKeyLimitsCommand(String keyId, List<String> allowedModels, Instant expiresAt, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.key(keyId);
    }
}
