package io.turnpike.events.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A gateway key was issued. Only the SHA-256 hash of the key material is recorded; {@code keyPrefix} is the
 * short, non-secret start of the key shown in listings so people can tell keys apart. {@code allowConfigOverride}
 * is null in events written before the flag existed, which means not allowed. {@code allowedModels} (null: any
 * model the config allows) and {@code expiresAt} (null: never) are null in events written before they existed.
 * {@code guardrailIds} are the key's mandatory guardrails, run on every request of the key whatever its config
 * attaches; empty when it has none, including events written before keys could carry guardrails.
 * The {@code actor} is the key's owner.
 */
public record ApiKeyIssued(
        @JsonProperty("key_id") String keyId,
        @JsonProperty("name") String name,
        @JsonProperty("key_hash") String keyHash,
        @JsonProperty("key_prefix") String keyPrefix,
        @JsonProperty("config_id") String configId,
        @JsonProperty("metadata") Map<String, String> metadata,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("allow_config_override") Boolean allowConfigOverride,
        @JsonProperty("allowed_models") List<String> allowedModels,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("guardrail_ids") List<String> guardrailIds) {

    public ApiKeyIssued {
        allowedModels = allowedModels == null ? null : List.copyOf(allowedModels);
        guardrailIds = guardrailIds == null ? List.of() : List.copyOf(guardrailIds);
    }

    /** A key without guardrails of its own (and events written before keys could carry them). */
    public ApiKeyIssued(String keyId, String name, String keyHash, String keyPrefix, String configId,
                        Map<String, String> metadata, String actor, Instant occurredAt, Boolean allowConfigOverride,
                        List<String> allowedModels, Instant expiresAt) {
        this(keyId, name, keyHash, keyPrefix, configId, metadata, actor, occurredAt, allowConfigOverride,
                allowedModels, expiresAt, null);
    }

    /** A key without model or expiry limits (and events written before they existed). */
    public ApiKeyIssued(String keyId, String name, String keyHash, String keyPrefix, String configId,
                        Map<String, String> metadata, String actor, Instant occurredAt, Boolean allowConfigOverride) {
        this(keyId, name, keyHash, keyPrefix, configId, metadata, actor, occurredAt, allowConfigOverride, null, null,
                null);
    }

    /** A key without a per-request config override (and events written before the flag existed). */
    public ApiKeyIssued(String keyId, String name, String keyHash, String keyPrefix, String configId,
                        Map<String, String> metadata, String actor, Instant occurredAt) {
        this(keyId, name, keyHash, keyPrefix, configId, metadata, actor, occurredAt, null, null, null, null);
    }

    /** Whether callers with this key may route a request by another config ({@code x-turnpike-config}). */
    public boolean configOverrideAllowed() {
        return Boolean.TRUE.equals(allowConfigOverride);
    }
}
