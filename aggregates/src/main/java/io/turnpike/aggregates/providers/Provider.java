package io.turnpike.aggregates.providers;

import io.turnpike.aggregates.ConflictException;
import io.turnpike.aggregates.ValidationException;
import io.turnpike.aggregates.rules.Rules;
import io.turnpike.aggregates.rules.StreamIds;
import io.turnpike.events.admin.ProviderRegistered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An upstream provider account. Registered once; its id is what routing configs reference as {@code "@id"}. */
public class Provider {
    public static final String SECRET_FIELD = "providers.api_key";
    /** Settings without which a provider type cannot address its upstream at all. */
    private static final Map<String, List<String>> REQUIRED_SETTINGS = Map.of(
            "bedrock", List.of("region"),
            "vertex", List.of("project_id", "region"));

    @AggregateIdentifier
    private String aggregateId;

    Provider() {
        // Axon creates the empty aggregate, then replays or handles the creating command.
    }

    // CREATE_IF_MISSING rather than a constructor: registering an existing id reaches this handler on the loaded
    // aggregate, so the conflict is a decision of the aggregate instead of a storage-level key violation.
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterProviderCommand command) {
        if (aggregateId != null) {
            throw new ConflictException("provider '" + command.providerId() + "' already exists");
        }
        Rules.requireId("providers.id", command.providerId());
        if (command.type() == null || !Rules.PROVIDER_TYPES.contains(command.type())) {
            throw new ValidationException("providers.type", "must be one of " + Rules.PROVIDER_TYPES.stream().sorted().toList());
        }
        Map<String, String> settings = command.settings() == null ? Map.of() : command.settings();
        Rules.requireStringMap("providers.settings", settings, 2048);
        if (settings.containsKey("api_key")) {
            throw new ValidationException("providers.settings.api_key", "pass the api_key as the secret, not as a setting");
        }
        for (String url : List.of("base_url", "endpoint_url")) {
            if (settings.containsKey(url)) {
                Rules.requireHttpUrl("providers.settings." + url, settings.get(url));
            }
        }
        for (String required : REQUIRED_SETTINGS.getOrDefault(command.type(), List.of())) {
            String value = settings.get(required);
            if (value == null || value.isBlank()) {
                throw new ValidationException("providers." + required, "a " + command.type() + " provider needs "
                        + required);
            }
        }
        if ("anthropic".equals(command.type()) && command.sealedSecret() == null) {
            throw new ValidationException(SECRET_FIELD, "an anthropic provider needs an api_key");
        }
        Rules.requireActor(command.actor());
        apply(new ProviderRegistered(command.providerId(), command.type(), Map.copyOf(settings),
                command.sealedSecret(), command.actor(), GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(ProviderRegistered event) {
        aggregateId = StreamIds.provider(event.providerId());
    }
}
