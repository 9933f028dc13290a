package io.turnpike.events.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** A gateway key was revoked; the proxy refuses it from then on. */
public record ApiKeyRevoked(
        @JsonProperty("key_id") String keyId,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
