package io.turnpike.events.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * A gateway key's limits changed; the event carries the complete new limits, not a difference.
 * {@code allowedModels} null: any model its config allows; {@code expiresAt} null: never expires. Expiry itself
 * is not an event: the proxy compares {@code expiresAt} with its clock on every request. {@code guardrailIds} are
 * the key's mandatory guardrails (empty: none, as in events written before keys could carry guardrails — no key had
 * any then, so reading the absent field as "none" restores exactly what was in force).
 */
public record ApiKeyLimitsUpdated(
        @JsonProperty("key_id") String keyId,
        @JsonProperty("allowed_models") List<String> allowedModels,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("guardrail_ids") List<String> guardrailIds) {

    public ApiKeyLimitsUpdated {
        allowedModels = allowedModels == null ? null : List.copyOf(allowedModels);
        guardrailIds = guardrailIds == null ? List.of() : List.copyOf(guardrailIds);
    }

    /** Limits of a key without guardrails of its own (and events written before keys could carry them). */
    public ApiKeyLimitsUpdated(String keyId, List<String> allowedModels, Instant expiresAt, String actor,
                               Instant occurredAt) {
        this(keyId, allowedModels, expiresAt, actor, occurredAt, null);
    }
}
