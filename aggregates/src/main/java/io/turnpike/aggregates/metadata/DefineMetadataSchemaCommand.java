package io.turnpike.aggregates.metadata;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set or replace a tenant's metadata standard (a {@link io.turnpike.events.metadata.MetadataSchema} document). */
public record DefineMetadataSchemaCommand(String tenant, String document, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.metadataSchema(tenant);
    }
}
