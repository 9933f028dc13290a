package io.turnpike.aggregates;

import io.turnpike.events.admin.ApiKeyIssued;
import io.turnpike.events.admin.ApiKeyRevoked;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.Map;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A gateway key: issued against a routing config, revocable exactly once. */
class ApiKey {
    private static final Pattern SHA256_HEX = Pattern.compile("^[0-9a-f]{64}$");

    @AggregateIdentifier
    private String aggregateId;
    private String keyId;
    private boolean revoked;

    ApiKey() {
        // Axon creates the empty aggregate, then replays or handles the creating command.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(IssueApiKeyCommand command, References references) {
        if (aggregateId != null) {
            throw new ConflictException("key '" + command.keyId() + "' already exists");
        }
        Rules.requireText("keys.id", command.keyId(), Rules.MAX_TEXT);
        Rules.requireText("keys.name", command.name(), Rules.MAX_TEXT);
        if (command.keyHash() == null || !SHA256_HEX.matcher(command.keyHash()).matches()) {
            throw new ValidationException("keys.key_hash", "must be a lowercase hex SHA-256");
        }
        Rules.requireText("keys.key_prefix", command.keyPrefix(), ApiKeys.DISPLAY_PREFIX_LENGTH);
        if (command.configId() == null || !references.configExists(command.configId())) {
            throw new ValidationException("keys.config_id", "config '" + command.configId() + "' does not exist");
        }
        Map<String, String> metadata = command.metadata() == null ? Map.of() : command.metadata();
        Rules.requireStringMap("keys.metadata", metadata, Rules.MAX_TEXT);
        Rules.requireActor(command.actor());
        apply(new ApiKeyIssued(command.keyId(), command.name(), command.keyHash(), command.keyPrefix(),
                command.configId(), Map.copyOf(metadata), command.actor(), GenericEventMessage.clock.instant(),
                command.allowConfigOverride() ? Boolean.TRUE : null));
    }

    @CommandHandler
    void handle(RevokeApiKeyCommand command) {
        if (revoked) {
            throw new ConflictException("key '" + keyId + "' is already revoked");
        }
        Rules.requireActor(command.actor());
        apply(new ApiKeyRevoked(keyId, command.actor(), GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(ApiKeyIssued event) {
        aggregateId = StreamIds.key(event.keyId());
        keyId = event.keyId();
    }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) {
        revoked = true;
    }
}
