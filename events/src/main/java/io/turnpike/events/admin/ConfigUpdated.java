package io.turnpike.events.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** A routing config got a new version; keys referencing it use the newest version from now on. */
public record ConfigUpdated(
        @JsonProperty("config_id") String configId,
        @JsonProperty("version") int version,
        @JsonProperty("document") String document,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
