package io.turnpike.aggregates.guardrails;

import io.turnpike.aggregates.ValidationException;
import io.turnpike.aggregates.rules.GuardrailIds;
import io.turnpike.aggregates.rules.References;
import io.turnpike.aggregates.rules.Rules;
import io.turnpike.aggregates.rules.StreamIds;
import io.turnpike.events.guardrails.TenantGuardrailsSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A tenant's guardrail settings: its mandatory guardrails, applied to every request of the tenant on top of what its
 * config attaches and not removable by a config, and the status of responses a {@code warn} guardrail flagged (200,
 * or 246 for tenants that opted in). One stream per tenant; each set replaces the settings as a whole.
 */
public class TenantGuardrails {
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
        GuardrailIds.require("guardrails", ids, MAX_GUARDRAILS, references);
        int warnStatus = warnStatus(command.warnStatus());
        Rules.requireActor(command.actor());
        apply(new TenantGuardrailsSet(command.tenant(), ids, command.actor(), GenericEventMessage.clock.instant(),
                warnStatus));
    }

    /** Null is the default; 246 is a convention some clients understand, so it is only ever opted in to. */
    private static int warnStatus(Integer requested) {
        if (requested == null) {
            return TenantGuardrailsSet.WARN_STATUS_DEFAULT;
        }
        if (requested != TenantGuardrailsSet.WARN_STATUS_DEFAULT && requested != TenantGuardrailsSet.WARN_STATUS_OPT_IN) {
            throw new ValidationException("warn_status", "must be " + TenantGuardrailsSet.WARN_STATUS_DEFAULT
                    + " (served with the x-turnpike-guardrail-verdict header; the default) or "
                    + TenantGuardrailsSet.WARN_STATUS_OPT_IN);
        }
        return requested;
    }

    @EventSourcingHandler
    void on(TenantGuardrailsSet event) {
        aggregateId = StreamIds.tenantGuardrails(event.tenant());
    }
}
