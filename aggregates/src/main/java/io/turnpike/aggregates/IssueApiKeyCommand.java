package io.turnpike.aggregates;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/** Issue a gateway key. Carries only the key's hash and display prefix; the caller keeps the plaintext. */
record IssueApiKeyCommand(String keyId, String name, String keyHash, String keyPrefix, String configId,
                          Map<String, String> metadata, boolean allowConfigOverride, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.key(keyId);
    }
}
