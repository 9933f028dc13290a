package io.turnpike.aggregates.keys;

import io.turnpike.aggregates.ApiKeys;
import io.turnpike.aggregates.ConflictException;
import io.turnpike.aggregates.ValidationException;
import io.turnpike.aggregates.rules.GuardrailIds;
import io.turnpike.aggregates.rules.References;
import io.turnpike.aggregates.rules.Rules;
import io.turnpike.aggregates.rules.StreamIds;
import io.turnpike.events.admin.ApiKeyIssued;
import io.turnpike.events.admin.ApiKeyLimitsUpdated;
import io.turnpike.events.admin.ApiKeyRevoked;
import io.turnpike.events.admin.ApiKeyRotated;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A gateway key: issued against a routing config, with optional model and expiry limits and mandatory guardrails of
 * its own; rotatable (the old material keeps working for a grace period, the limits and guardrails stay) and
 * limit-updatable while active; revocable exactly once.
 */
public class ApiKey {
    private static final Pattern SHA256_HEX = Pattern.compile("^[0-9a-f]{64}$");
    static final Duration MAX_GRACE_PERIOD = Duration.ofDays(30);
    static final int MAX_ALLOWED_MODELS = 100;
    /** Fewer than a tenant may require: a key's own are an addition to its tenant's, all run on every request. */
    static final int MAX_GUARDRAILS = 16;

    @AggregateIdentifier
    private String aggregateId;
    private String keyId;
    private boolean revoked;
    private String currentHash;

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
        requireHash("keys.key_hash", command.keyHash());
        Rules.requireText("keys.key_prefix", command.keyPrefix(), ApiKeys.DISPLAY_PREFIX_LENGTH);
        if (command.configId() == null || !references.configExists(command.configId())) {
            throw new ValidationException("keys.config_id", "config '" + command.configId() + "' does not exist");
        }
        Map<String, String> metadata = command.metadata() == null ? Map.of() : command.metadata();
        Rules.requireStringMap("keys.metadata", metadata, Rules.MAX_TEXT);
        List<String> allowedModels = allowedModels(command.allowedModels());
        Instant now = GenericEventMessage.clock.instant();
        requireFutureExpiry(command.expiresAt(), now);
        List<String> guardrailIds = guardrailIds(command.guardrailIds(), references);
        Rules.requireActor(command.actor());
        apply(new ApiKeyIssued(command.keyId(), command.name(), command.keyHash(), command.keyPrefix(),
                command.configId(), Map.copyOf(metadata), command.actor(), now,
                command.allowConfigOverride() ? Boolean.TRUE : null, allowedModels, command.expiresAt(), guardrailIds));
    }

    @CommandHandler
    void handle(RotateApiKeyCommand command) {
        requireActive("rotated");
        requireHash("keys.key_hash", command.newHash());
        Rules.requireText("keys.key_prefix", command.newPrefix(), ApiKeys.DISPLAY_PREFIX_LENGTH);
        Duration grace = command.gracePeriod();
        if (grace == null || grace.isNegative() || grace.compareTo(MAX_GRACE_PERIOD) > 0) {
            throw new ValidationException("grace_period_seconds", "must be between 0 and " + MAX_GRACE_PERIOD.toSeconds());
        }
        if (command.newHash().equals(currentHash)) {
            throw new ValidationException("keys.key_hash", "must differ from the current key's hash");
        }
        Rules.requireActor(command.actor());
        Instant now = GenericEventMessage.clock.instant();
        apply(new ApiKeyRotated(keyId, command.newHash(), command.newPrefix(), currentHash, now.plus(grace),
                command.actor(), now));
    }

    @CommandHandler
    void handle(UpdateApiKeyLimitsCommand command, References references) {
        requireActive("changed");
        List<String> allowedModels = allowedModels(command.allowedModels());
        Instant now = GenericEventMessage.clock.instant();
        requireFutureExpiry(command.expiresAt(), now);
        List<String> guardrailIds = guardrailIds(command.guardrailIds(), references);
        Rules.requireActor(command.actor());
        apply(new ApiKeyLimitsUpdated(keyId, allowedModels, command.expiresAt(), command.actor(), now, guardrailIds));
    }

    private void requireActive(String verb) {
        if (revoked) {
            throw new ConflictException("key '" + keyId + "' is revoked and cannot be " + verb);
        }
    }

    private static void requireHash(String field, String hash) {
        if (hash == null || !SHA256_HEX.matcher(hash).matches()) {
            throw new ValidationException(field, "must be a lowercase hex SHA-256");
        }
    }

    /** Expiry is checked by the proxy against its clock; a date already past would issue a dead key. */
    private static void requireFutureExpiry(Instant expiresAt, Instant now) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new ValidationException("keys.expires_at", "must be in the future");
        }
    }

    /** Null stays null (no restriction); an empty list would refuse every model, which is what revoke is for. */
    private static List<String> allowedModels(List<String> models) {
        if (models == null) {
            return null;
        }
        if (models.isEmpty() || models.size() > MAX_ALLOWED_MODELS) {
            throw new ValidationException("keys.allowed_models", "must list 1 to " + MAX_ALLOWED_MODELS
                    + " models (omit it to allow every model of the config)");
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < models.size(); i++) {
            String model = models.get(i);
            Rules.requireText("keys.allowed_models[" + i + "]", model, Rules.MAX_TEXT);
            distinct.add(model.trim());
        }
        return List.copyOf(distinct);
    }

    /** Null means none; every id must name a guardrail in force, once (see {@link GuardrailIds}). */
    private static List<String> guardrailIds(List<String> ids, References references) {
        return ids == null ? List.of() : GuardrailIds.require("keys.guardrails", ids, MAX_GUARDRAILS, references);
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
        currentHash = event.keyHash();
    }

    @EventSourcingHandler
    void on(ApiKeyRotated event) {
        currentHash = event.newHash();
    }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) {
        revoked = true;
    }
}
