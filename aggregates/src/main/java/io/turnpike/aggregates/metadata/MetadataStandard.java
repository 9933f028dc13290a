package io.turnpike.aggregates.metadata;

import io.turnpike.aggregates.ValidationException;
import io.turnpike.aggregates.rules.Rules;
import io.turnpike.aggregates.rules.StreamIds;
import io.turnpike.events.admin.MetadataSchemaDefined;
import io.turnpike.events.metadata.MetadataSchema;
import io.turnpike.events.metadata.MetadataSchemaException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A tenant's metadata schema, versioned: each definition replaces the previous one as a whole. */
public class MetadataStandard {
    static final int MAX_DOCUMENT = 64 * 1024;

    @AggregateIdentifier
    private String aggregateId;
    private int version;

    MetadataStandard() {
        // Axon creates the empty aggregate, then replays or handles the creating command.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DefineMetadataSchemaCommand command) {
        Rules.requireId("tenant", command.tenant());
        if (command.document() == null || command.document().length() > MAX_DOCUMENT) {
            throw new ValidationException("schema", "must be a JSON object of at most " + MAX_DOCUMENT + " characters");
        }
        MetadataSchema schema;
        try {
            schema = MetadataSchema.parse(command.document());
        } catch (MetadataSchemaException e) {
            throw new ValidationException(e.field(), e.getMessage().substring(e.field().length() + 2));
        }
        Rules.requireActor(command.actor());
        // The normalised form is stored: defaults spelled out, so a later change of default cannot move old rules.
        apply(new MetadataSchemaDefined(command.tenant(), version + 1, schema.toJson().toString(), command.actor(),
                GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(MetadataSchemaDefined event) {
        aggregateId = StreamIds.metadataSchema(event.tenant());
        version = event.version();
    }
}
