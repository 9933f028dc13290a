package io.turnpike.events.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * Requests whose effective metadata names this tenant and user are refused (403) until {@link UserUnblocked}.
 * {@code user} is stored lowercased: e-mail style user ids compare case-insensitively.
 */
public record UserBlocked(
        @JsonProperty("tenant") String tenant,
        @JsonProperty("user") String user,
        @JsonProperty("reason") String reason,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
