package io.turnpike.events.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** A routing config was created at version 1. {@code document} is the config JSON exactly as submitted. */
public record ConfigCreated(
        @JsonProperty("config_id") String configId,
        @JsonProperty("version") int version,
        @JsonProperty("document") String document,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
