package io.turnpike.events.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * An administrator published a price table (same JSON shape as the shipped pricing file). From then on, costs
 * are computed with it and record its {@code version}; earlier events keep the version they were priced with.
 */
public record PriceTablePublished(
        @JsonProperty("version") String version,
        @JsonProperty("document") String document,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
