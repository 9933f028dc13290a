package io.turnpike.aggregates;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set or replace a tenant's metadata standard (a {@link io.turnpike.events.metadata.MetadataSchema} document). */
record DefineMetadataSchemaCommand(String tenant, String document, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.metadataSchema(tenant);
    }
}
