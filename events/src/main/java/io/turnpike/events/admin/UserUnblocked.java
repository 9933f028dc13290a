package io.turnpike.events.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** A blocked user of a tenant may send requests again. */
public record UserUnblocked(
        @JsonProperty("tenant") String tenant,
        @JsonProperty("user") String user,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
