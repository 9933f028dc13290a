package io.turnpike.aggregates;

import io.turnpike.events.metadata.MetadataSchema;

import java.time.Instant;

/** A tenant's metadata standard in force: parsed once when its event was applied, shared by every request. */
public record MetadataSchemaView(String tenant, int version, MetadataSchema schema, String actor, Instant updatedAt) {
}
