package io.turnpike.aggregates.keys;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revoke a gateway key for good. */
public record RevokeApiKeyCommand(String keyId, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.key(keyId);
    }
}
