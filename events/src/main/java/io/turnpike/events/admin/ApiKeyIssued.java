package io.turnpike.events.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Map;

/**
 * A gateway key was issued. Only the SHA-256 hash of the key material is recorded; {@code keyPrefix} is the
 * short, non-secret start of the key shown in listings so people can tell keys apart.
 */
public record ApiKeyIssued(
        @JsonProperty("key_id") String keyId,
        @JsonProperty("name") String name,
        @JsonProperty("key_hash") String keyHash,
        @JsonProperty("key_prefix") String keyPrefix,
        @JsonProperty("config_id") String configId,
        @JsonProperty("metadata") Map<String, String> metadata,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
