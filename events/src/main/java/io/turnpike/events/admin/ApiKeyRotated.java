package io.turnpike.events.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * A gateway key got new key material under the same key id. {@code newHash} authenticates from now on; the hash it
 * replaces ({@code previousHash}) keeps authenticating until {@code previousHashValidUntil} (the grace period), then
 * stops. Rotating again ends an earlier grace period at once: at most two hashes are ever valid for one key.
 */
public record ApiKeyRotated(
        @JsonProperty("key_id") String keyId,
        @JsonProperty("new_hash") String newHash,
        @JsonProperty("new_prefix") String newPrefix,
        @JsonProperty("previous_hash") String previousHash,
        @JsonProperty("previous_hash_valid_until") Instant previousHashValidUntil,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
