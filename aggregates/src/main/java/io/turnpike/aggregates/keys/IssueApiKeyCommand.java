package io.turnpike.aggregates.keys;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Issue a gateway key. Carries only the key's hash and display prefix; the caller keeps the plaintext.
 * {@code allowedModels} null: any model the config allows; {@code expiresAt} null: never expires;
 * {@code guardrailIds} null or empty: no guardrails of its own.
 */
public record IssueApiKeyCommand(String keyId, String name, String keyHash, String keyPrefix, String configId,
                                 Map<String, String> metadata, boolean allowConfigOverride, List<String> allowedModels,
                                 Instant expiresAt, List<String> guardrailIds, String actor) {

    IssueApiKeyCommand(String keyId, String name, String keyHash, String keyPrefix, String configId,
                       Map<String, String> metadata, boolean allowConfigOverride, List<String> allowedModels,
                       Instant expiresAt, String actor) {
        this(keyId, name, keyHash, keyPrefix, configId, metadata, allowConfigOverride, allowedModels, expiresAt,
                null, actor);
    }

    public IssueApiKeyCommand(String keyId, String name, String keyHash, String keyPrefix, String configId,
                              Map<String, String> metadata, boolean allowConfigOverride, String actor) {
        this(keyId, name, keyHash, keyPrefix, configId, metadata, allowConfigOverride, null, null, actor);
    }

    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.key(keyId);
    }
}
