package io.turnpike.aggregates.readmodel;

import io.turnpike.aggregates.ConfigVersionView;
import io.turnpike.aggregates.ConfigView;
import io.turnpike.aggregates.GuardrailView;
import io.turnpike.aggregates.KeyView;
import io.turnpike.aggregates.MetadataSchemaView;
import io.turnpike.aggregates.PriceTableView;
import io.turnpike.aggregates.ProviderView;
import io.turnpike.aggregates.RateLimitView;
import io.turnpike.aggregates.TenantGuardrailsView;
import io.turnpike.aggregates.UserBlockView;
import io.turnpike.aggregates.rules.References;
import io.turnpike.aggregates.rules.Rules;
import io.turnpike.events.admin.ApiKeyIssued;
import io.turnpike.events.admin.ApiKeyLimitsUpdated;
import io.turnpike.events.admin.ApiKeyRevoked;
import io.turnpike.events.admin.ApiKeyRotated;
import io.turnpike.events.admin.MetadataSchemaDefined;
import io.turnpike.events.admin.UserBlocked;
import io.turnpike.events.policy.RateLimitPolicyDefined;
import io.turnpike.events.policy.RateLimitPolicyRemoved;
import io.turnpike.events.admin.UserUnblocked;
import io.turnpike.events.metadata.MetadataSchema;
import io.turnpike.events.admin.ConfigCreated;
import io.turnpike.events.admin.ConfigRolledBack;
import io.turnpike.events.admin.ConfigUpdated;
import io.turnpike.events.config.ConfigValidationException;
import io.turnpike.events.config.ParsedConfig;
import io.turnpike.events.config.RoutingConfigDocument;
import io.turnpike.events.admin.PriceTablePublished;
import io.turnpike.events.admin.ProviderRegistered;
import io.turnpike.events.guardrails.GuardrailDefined;
import io.turnpike.events.guardrails.GuardrailDocument;
import io.turnpike.events.guardrails.GuardrailRetired;
import io.turnpike.events.guardrails.TenantGuardrailsSet;
import org.axonframework.eventhandling.EventHandler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The in-memory read model of providers, configs and keys. Filled by replaying the whole event store at start, then
 * kept current by a subscribing processor that runs in the publishing thread, right after the event is stored, so a
 * command's effect is visible here when the command returns, and by the {@link ReplicaFollower} for events other
 * processes append. Handlers are not idempotent themselves: {@link ReadModelFeed} delivers each event once, in its
 * aggregate's order. Views are immutable; readers on other threads see each entry either before or after an event,
 * never half-applied. Provider secrets stay sealed in memory.
 */
public class Directory implements References {
    private final Map<String, ProviderEntry> providers = new ConcurrentHashMap<>();
    private final Map<String, ConfigView> configs = new ConcurrentHashMap<>();
    /** Every version of every config, oldest first; each list is immutable and replaced whole. */
    private final Map<String, List<ConfigVersionView>> configHistory = new ConcurrentHashMap<>();
    private final Map<String, KeyView> keysById = new ConcurrentHashMap<>();
    private final Map<String, String> keyIdsByHash = new ConcurrentHashMap<>();
    /** Blocked users by {@code tenant + "/" + lowercased user}. */
    private final Map<String, UserBlockView> userBlocks = new ConcurrentHashMap<>();
    private final Map<String, MetadataSchemaView> metadataSchemas = new ConcurrentHashMap<>();
    private final Map<String, RateLimitView> rateLimitsById = new ConcurrentHashMap<>();
    /** Every rate limit sorted by id, replaced whole on change: the proxy reads it for every request. */
    private volatile List<RateLimitView> rateLimits = List.of();
    private final List<PriceTableView> priceTables = new CopyOnWriteArrayList<>();
    /** Guardrails in force (retired ones are removed), each document parsed once. */
    private final Map<String, GuardrailView> guardrails = new ConcurrentHashMap<>();
    /** Tenants with guardrails or a non-default warn status; the others have the defaults. */
    private final Map<String, TenantGuardrailsView> tenantGuardrails = new ConcurrentHashMap<>();

    /** A provider as stored: the view plus the still-sealed secret. */
    public record ProviderEntry(ProviderView view, String sealedSecret) {
    }

    @EventHandler
    void on(ProviderRegistered event) {
        Map<String, String> settings = event.settings() == null ? Map.of() : Map.copyOf(event.settings());
        ProviderView view = new ProviderView(event.providerId(), event.type(), settings,
                event.encryptedSecret() != null, event.occurredAt());
        providers.put(event.providerId(), new ProviderEntry(view, event.encryptedSecret()));
    }

    @EventHandler
    void on(PriceTablePublished event) {
        priceTables.add(new PriceTableView(event.version(), event.document(), event.actor(), event.occurredAt()));
    }

    /** Published price tables, oldest first; the last one is in force. */
    public List<PriceTableView> priceTables() {
        return List.copyOf(priceTables);
    }

    @EventHandler
    void on(ConfigCreated event) {
        recordConfigVersion(new ConfigVersionView(event.configId(), event.version(), event.document(), event.actor(),
                event.occurredAt(), null));
    }

    @EventHandler
    void on(ConfigUpdated event) {
        recordConfigVersion(new ConfigVersionView(event.configId(), event.version(), event.document(), event.actor(),
                event.occurredAt(), null));
    }

    @EventHandler
    void on(ConfigRolledBack event) {
        recordConfigVersion(new ConfigVersionView(event.configId(), event.version(), event.document(), event.actor(),
                event.occurredAt(), event.restoredVersion()));
    }

    private void recordConfigVersion(ConfigVersionView version) {
        configHistory.merge(version.configId(), List.of(version), (older, newer) -> {
            List<ConfigVersionView> all = new ArrayList<>(older);
            all.addAll(newer);
            return List.copyOf(all);
        });
        configs.put(version.configId(), new ConfigView(version.configId(), version.version(), version.document(),
                version.createdAt()));
    }

    @EventHandler
    void on(ApiKeyIssued event) {
        Map<String, String> metadata = event.metadata() == null ? Map.of() : Map.copyOf(event.metadata());
        KeyView view = new KeyView(event.keyId(), event.name(), event.keyPrefix(), event.keyHash(), event.configId(),
                metadata, false, event.occurredAt(), null, event.configOverrideAllowed(), event.allowedModels(),
                event.expiresAt(), null, null, event.actor(), null, event.guardrailIds());
        keysById.put(event.keyId(), view);
        keyIdsByHash.put(event.keyHash(), event.keyId());
    }

    @EventHandler
    void on(ApiKeyRevoked event) {
        keysById.computeIfPresent(event.keyId(), (id, key) -> revoked(key, event.occurredAt()));
    }

    private static KeyView revoked(KeyView key, Instant at) {
        return new KeyView(key.id(), key.name(), key.keyPrefix(), key.keyHash(), key.configId(), key.metadata(),
                true, key.createdAt(), at, key.configOverrideAllowed(), key.allowedModels(), key.expiresAt(),
                key.previousKeyHash(), key.previousKeyHashValidUntil(), key.owner(), key.rotatedAt(), key.guardrailIds());
    }

    /** Both hashes find the key during the grace period; the hash from a rotation before that stops at once. */
    @EventHandler
    void on(ApiKeyRotated event) {
        KeyView key = keysById.get(event.keyId());
        if (key == null) {
            return;
        }
        if (key.previousKeyHash() != null) {
            keyIdsByHash.remove(key.previousKeyHash(), key.id());
        }
        keysById.put(key.id(), new KeyView(key.id(), key.name(), event.newPrefix(), event.newHash(), key.configId(),
                key.metadata(), key.revoked(), key.createdAt(), key.revokedAt(), key.configOverrideAllowed(),
                key.allowedModels(), key.expiresAt(), event.previousHash(), event.previousHashValidUntil(),
                key.owner(), event.occurredAt(), key.guardrailIds()));
        keyIdsByHash.put(event.newHash(), key.id());
    }

    @EventHandler
    void on(ApiKeyLimitsUpdated event) {
        keysById.computeIfPresent(event.keyId(), (id, key) -> new KeyView(key.id(), key.name(), key.keyPrefix(),
                key.keyHash(), key.configId(), key.metadata(), key.revoked(), key.createdAt(), key.revokedAt(),
                key.configOverrideAllowed(), event.allowedModels(), event.expiresAt(), key.previousKeyHash(),
                key.previousKeyHashValidUntil(), key.owner(), key.rotatedAt(), event.guardrailIds()));
    }

    @EventHandler
    void on(UserBlocked event) {
        userBlocks.put(event.tenant() + "/" + event.user(), new UserBlockView(event.tenant(), event.user(),
                event.reason(), event.actor(), event.occurredAt()));
    }

    @EventHandler
    void on(UserUnblocked event) {
        userBlocks.remove(event.tenant() + "/" + event.user());
    }

    /** The user as stored (see {@link Rules#normalisedUser}). */
    public Optional<UserBlockView> userBlock(String tenant, String user) {
        return Optional.ofNullable(userBlocks.get(tenant + "/" + Rules.normalisedUser(user)));
    }

    public List<UserBlockView> userBlocks() {
        return userBlocks.values().stream().sorted(Comparator.comparing(UserBlockView::tenant)
                .thenComparing(UserBlockView::user)).toList();
    }

    @EventHandler
    void on(RateLimitPolicyDefined event) {
        rateLimitsById.put(event.policyId(), new RateLimitView(event.policyId(), event.scope(), event.match(),
                event.requestsPerMinute(), event.requestsPerHour(), event.requestsPerDay(), event.tokensPerMinute(),
                event.actor(), event.occurredAt()));
        publishRateLimits();
    }

    @EventHandler
    void on(RateLimitPolicyRemoved event) {
        rateLimitsById.remove(event.policyId());
        publishRateLimits();
    }

    private synchronized void publishRateLimits() { // commands on several threads: no stale overwrite
        rateLimits = rateLimitsById.values().stream().sorted(Comparator.comparing(RateLimitView::id)).toList();
    }

    public Optional<RateLimitView> rateLimit(String policyId) {
        return Optional.ofNullable(rateLimitsById.get(policyId));
    }

    /** The same list instance until a policy changes. */
    public List<RateLimitView> rateLimits() {
        return rateLimits;
    }

    @EventHandler
    void on(MetadataSchemaDefined event) {
        metadataSchemas.put(event.tenant(), new MetadataSchemaView(event.tenant(), event.version(),
                MetadataSchema.parse(event.document()), event.actor(), event.occurredAt()));
    }

    public Optional<MetadataSchemaView> metadataSchema(String tenant) {
        return Optional.ofNullable(metadataSchemas.get(tenant));
    }

    @EventHandler
    void on(GuardrailDefined event) {
        guardrails.put(event.guardrailId(), new GuardrailView(event.guardrailId(), event.version(),
                GuardrailDocument.parse(event.document()), event.actor(), event.occurredAt()));
    }

    @EventHandler
    void on(GuardrailRetired event) {
        guardrails.remove(event.guardrailId());
    }

    public Optional<GuardrailView> guardrail(String guardrailId) {
        return Optional.ofNullable(guardrails.get(guardrailId));
    }

    public List<GuardrailView> guardrails() {
        return guardrails.values().stream().sorted(Comparator.comparing(GuardrailView::id)).toList();
    }

    @Override
    public boolean guardrailExists(String guardrailId) {
        return guardrails.containsKey(guardrailId);
    }

    @EventHandler
    void on(TenantGuardrailsSet event) {
        if (event.guardrailIds().isEmpty() && event.warnStatus() == TenantGuardrailsSet.WARN_STATUS_DEFAULT) {
            tenantGuardrails.remove(event.tenant());
        } else {
            tenantGuardrails.put(event.tenant(), new TenantGuardrailsView(event.tenant(), event.guardrailIds(),
                    event.warnStatus()));
        }
    }

    /** The tenant's settings; the defaults (no guardrails, warn status 200) for a tenant that never set any. */
    public TenantGuardrailsView tenantGuardrails(String tenant) {
        TenantGuardrailsView settings = tenantGuardrails.get(tenant);
        return settings != null ? settings
                : new TenantGuardrailsView(tenant, List.of(), TenantGuardrailsSet.WARN_STATUS_DEFAULT);
    }

    /** Tenants whose mandatory guardrails include this one, sorted. */
    public List<String> tenantsRequiring(String guardrailId) {
        return tenantGuardrails.values().stream().filter(t -> t.guardrailIds().contains(guardrailId))
                .map(TenantGuardrailsView::tenant).sorted().toList();
    }

    /**
     * Keys not revoked whose own guardrails include this one, sorted. Expired keys count: a PATCH can extend them,
     * and they would then be refused for a guardrail that no longer exists.
     */
    public List<String> keysRequiring(String guardrailId) {
        return keysById.values().stream().filter(k -> !k.revoked() && k.guardrailIds().contains(guardrailId))
                .map(KeyView::id).sorted().toList();
    }

    /**
     * Configs whose current version attaches this guardrail by id, anywhere in the tree, sorted. Earlier versions do
     * not count: rolling back to one re-validates its guardrail ids.
     */
    public List<String> configsNaming(String guardrailId) {
        List<String> naming = new ArrayList<>();
        for (ConfigView config : configs()) {
            ParsedConfig parsed;
            try {
                parsed = RoutingConfigDocument.parse(config.document(), provider -> true);
            } catch (ConfigValidationException stale) {
                continue; // saved under older rules; it names nothing the proxy could still run
            }
            boolean names = Stream.concat(Stream.of(parsed.root()), parsed.root().providerTargets().stream())
                    .flatMap(target -> Stream.concat(target.inputGuardrails().stream(),
                            target.outputGuardrails().stream()))
                    .anyMatch(ref -> !ref.isInline() && ref.id().equals(guardrailId));
            if (names) {
                naming.add(config.id());
            }
        }
        return naming;
    }

    public Optional<ProviderEntry> provider(String providerId) {
        return Optional.ofNullable(providers.get(providerId));
    }

    public List<ProviderView> providers() {
        return providers.values().stream().map(ProviderEntry::view)
                .sorted(Comparator.comparing(ProviderView::id)).toList();
    }

    public Optional<ConfigView> config(String configId) {
        return Optional.ofNullable(configs.get(configId));
    }

    /** Every version of the config, oldest first; empty when there is no such config. */
    public List<ConfigVersionView> configVersions(String configId) {
        return configHistory.getOrDefault(configId, List.of());
    }

    public List<ConfigView> configs() {
        return configs.values().stream().sorted(Comparator.comparing(ConfigView::id)).toList();
    }

    public Optional<KeyView> key(String keyId) {
        return Optional.ofNullable(keysById.get(keyId));
    }

    public Optional<KeyView> keyByHash(String keyHash) {
        String keyId = keyIdsByHash.get(keyHash);
        return keyId == null ? Optional.empty() : key(keyId);
    }

    public List<KeyView> keys() {
        return keysById.values().stream()
                .sorted(Comparator.comparing(KeyView::createdAt).thenComparing(KeyView::id)).toList();
    }

    @Override
    public boolean providerExists(String providerId) {
        return providers.containsKey(providerId);
    }

    @Override
    public boolean configExists(String configId) {
        return configs.containsKey(configId);
    }
}
