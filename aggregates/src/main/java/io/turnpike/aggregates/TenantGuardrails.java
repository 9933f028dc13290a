package io.turnpike.aggregates;

import io.turnpike.events.guardrails.TenantGuardrailsSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A tenant's mandatory guardrails: applied to every request of the tenant on top of what its config attaches, and
 * not removable by a config. One stream per tenant; each set replaces the list as a whole.
 */
class TenantGuardrails {
    static final int MAX_GUARDRAILS = 32;

    @AggregateIdentifier
    private String aggregateId;

    TenantGuardrails() {
        // Axon creates the empty aggregate, then replays or handles the creating command.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SetTenantGuardrailsCommand command, References references) {
        Rules.requireId("tenant", command.tenant());
        List<String> ids = command.guardrailIds();
        if (ids == null) {
            throw new ValidationException("guardrails", "required: an array of guardrail ids (empty clears them)");
        }
        if (ids.size() > MAX_GUARDRAILS) {
            throw new ValidationException("guardrails", "at most " + MAX_GUARDRAILS + " guardrails");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String field = "guardrails[" + i + "]";
            Rules.requireId(field, ids.get(i));
            if (!seen.add(ids.get(i))) {
                throw new ValidationException(field, "\"" + ids.get(i) + "\" is listed twice");
            }
            if (!references.guardrailExists(ids.get(i))) {
                throw new ValidationException(field, "no guardrail \"" + ids.get(i) + "\" (or it is retired)");
            }
        }
        Rules.requireActor(command.actor());
        apply(new TenantGuardrailsSet(command.tenant(), ids, command.actor(), GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(TenantGuardrailsSet event) {
        aggregateId = StreamIds.tenantGuardrails(event.tenant());
    }
}
