package io.turnpike.aggregates.guardrails;

import io.turnpike.aggregates.ConflictException;
import io.turnpike.aggregates.NotFoundException;
import io.turnpike.aggregates.ValidationException;
import io.turnpike.aggregates.rules.Rules;
import io.turnpike.aggregates.rules.StreamIds;
import io.turnpike.events.guardrails.GuardrailDefined;
import io.turnpike.events.guardrails.GuardrailDocument;
import io.turnpike.events.guardrails.GuardrailDocumentException;
import io.turnpike.events.guardrails.GuardrailRetired;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A named, versioned guardrail ({@link GuardrailDocument}). Every definition is a new version holding the whole
 * normalised document; retiring ends it for good, so an id found in an old config or event always meant one thing.
 */
public class Guardrail {
    @AggregateIdentifier
    private String aggregateId;
    private int version;
    private boolean retired;

    Guardrail() {
        // Axon creates the empty aggregate, then replays or handles the creating command.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DefineGuardrailCommand command) {
        GuardrailDocument document = parse(command.document());
        if (!document.id().equals(command.guardrailId())) {
            throw new ValidationException("id", "must be \"" + command.guardrailId() + "\", the guardrail being defined");
        }
        Rules.requireActor(command.actor());
        if (retired) {
            throw new ConflictException("guardrail '" + command.guardrailId() + "' is retired; ids are not reused");
        }
        apply(new GuardrailDefined(command.guardrailId(), version + 1, document.toJson().toString(),
                command.actor(), GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    void handle(RetireGuardrailCommand command) {
        Rules.requireActor(command.actor());
        if (version == 0 || retired) {
            throw new NotFoundException("guardrail '" + command.guardrailId() + "' not found");
        }
        apply(new GuardrailRetired(command.guardrailId(), version, command.actor(), GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(GuardrailDefined event) {
        aggregateId = StreamIds.guardrail(event.guardrailId());
        version = event.version();
    }

    @EventSourcingHandler
    void on(GuardrailRetired event) {
        retired = true;
    }

    /** The document parsed, its problems reported under the field they name (as the admin API shows them). */
    public static GuardrailDocument parse(String json) {
        try {
            return GuardrailDocument.parse(json);
        } catch (GuardrailDocumentException e) {
            throw new ValidationException(e.field(), e.reason());
        }
    }
}
