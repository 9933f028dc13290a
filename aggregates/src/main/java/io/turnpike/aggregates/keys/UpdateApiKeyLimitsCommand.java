package io.turnpike.aggregates.keys;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Replace a key's limits as a whole (null allowed models: any; null expiry: never; null or empty guardrail ids:
 * none of its own).
 */
public record UpdateApiKeyLimitsCommand(String keyId, List<String> allowedModels, Instant expiresAt,
                                        List<String> guardrailIds, String actor) {

    /** Limits without guardrails of the key's own. */
    UpdateApiKeyLimitsCommand(String keyId, List<String> allowedModels, Instant expiresAt, String actor) {
        this(keyId, allowedModels, expiresAt, null, actor);
    }

    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.key(keyId);
    }
}
