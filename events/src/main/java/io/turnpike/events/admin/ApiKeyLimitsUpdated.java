package io.turnpike.events.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * A gateway key's limits changed; the event carries the complete new limits, not a difference.
 * {@code allowedModels} null: any model its config allows; {@code expiresAt} null: never expires. Expiry itself
 * is not an event: the proxy compares {@code expiresAt} with its clock on every request.
 */
public record ApiKeyLimitsUpdated(
        @JsonProperty("key_id") String keyId,
        @JsonProperty("allowed_models") List<String> allowedModels,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt) {

    public ApiKeyLimitsUpdated {
        allowedModels = allowedModels == null ? null : List.copyOf(allowedModels);
    }
}
