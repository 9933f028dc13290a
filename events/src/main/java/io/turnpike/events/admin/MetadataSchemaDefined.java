package io.turnpike.events.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * A tenant's metadata standard was set (version 1) or replaced (each later version). {@code document} is the
 * schema JSON as accepted ({@link io.turnpike.events.metadata.MetadataSchema#parse(String)}).
 */
public record MetadataSchemaDefined(
        @JsonProperty("tenant") String tenant,
        @JsonProperty("version") int version,
        @JsonProperty("document") String document,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
