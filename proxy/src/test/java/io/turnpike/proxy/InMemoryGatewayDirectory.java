package io.turnpike.proxy;

import io.turnpike.events.metadata.MetadataSchema;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A directory held in maps, filled by tests; keys are registered by their plain text and stored hashed. */
public final class InMemoryGatewayDirectory implements GatewayDirectory {
    private final Map<String, KeyGrant> keys = new ConcurrentHashMap<>();
    private final Map<String, RoutingConfig> configs = new ConcurrentHashMap<>();
    private final Map<String, ProviderAccount> providers = new ConcurrentHashMap<>();
    private final Set<String> blockedUsers = ConcurrentHashMap.newKeySet();
    private final Map<String, MetadataSchema> metadataSchemas = new ConcurrentHashMap<>();
    private final Map<String, GuardrailDefinition> guardrails = new ConcurrentHashMap<>();
    private final Map<String, java.util.List<String>> tenantGuardrails = new ConcurrentHashMap<>();
    private final Map<String, Integer> warnStatuses = new ConcurrentHashMap<>();

    public InMemoryGatewayDirectory key(String plainKey, KeyGrant grant) {
        keys.put(ApiKeyHash.of(plainKey), grant);
        return this;
    }

    public InMemoryGatewayDirectory config(RoutingConfig config) {
        configs.put(config.configId(), config);
        return this;
    }

    public InMemoryGatewayDirectory provider(ProviderAccount provider) {
        providers.put(provider.id(), provider);
        return this;
    }

    /** Replaces or removes (null) what a plaintext key resolves to: revocation, rotation, new limits. */
    InMemoryGatewayDirectory replaceKey(String plainKey, KeyGrant grant) {
        if (grant == null) {
            keys.remove(ApiKeyHash.of(plainKey));
        } else {
            keys.put(ApiKeyHash.of(plainKey), grant);
        }
        return this;
    }

    InMemoryGatewayDirectory blockUser(String tenant, String user, boolean blocked) {
        String entry = tenant + "/" + user.trim().toLowerCase(Locale.ROOT);
        if (blocked) {
            blockedUsers.add(entry);
        } else {
            blockedUsers.remove(entry);
        }
        return this;
    }

    InMemoryGatewayDirectory metadataSchema(String tenant, String schemaJson) {
        metadataSchemas.put(tenant, MetadataSchema.parse(schemaJson));
        return this;
    }

    @Override
    public boolean isUserBlocked(String tenant, String user) {
        return blockedUsers.contains(tenant + "/" + user.trim().toLowerCase(Locale.ROOT));
    }

    /** Defines (or replaces, as the next version) a guardrail from its admin document JSON. */
    InMemoryGatewayDirectory defineGuardrail(String documentJson) {
        io.turnpike.events.guardrails.GuardrailDocument document =
                io.turnpike.events.guardrails.GuardrailDocument.parse(documentJson);
        GuardrailDefinition previous = guardrails.get(document.id());
        guardrails.put(document.id(), new GuardrailDefinition(document, previous == null ? 1 : previous.version() + 1));
        return this;
    }

    InMemoryGatewayDirectory warnStatus(String tenant, int status) {
        warnStatuses.put(tenant, status);
        return this;
    }

    @Override
    public int guardrailWarnStatus(String tenant) {
        return warnStatuses.getOrDefault(tenant, 200);
    }

    InMemoryGatewayDirectory tenantGuardrails(String tenant, String... guardrailIds) {
        tenantGuardrails.put(tenant, java.util.List.of(guardrailIds));
        return this;
    }

    @Override
    public Optional<GuardrailDefinition> guardrail(String guardrailId) {
        return Optional.ofNullable(guardrails.get(guardrailId));
    }

    @Override
    public java.util.List<String> tenantGuardrails(String tenant) {
        return tenantGuardrails.getOrDefault(tenant, java.util.List.of());
    }

    @Override
    public Optional<MetadataSchema> metadataSchema(String tenant) {
        return Optional.ofNullable(metadataSchemas.get(tenant));
    }

    @Override
    public Optional<KeyGrant> keyByHash(String keyHash) {
        return Optional.ofNullable(keys.get(keyHash));
    }

    @Override
    public Optional<RoutingConfig> config(String configId) {
        return Optional.ofNullable(configs.get(configId));
    }

    @Override
    public Optional<ProviderAccount> provider(String providerId) {
        return Optional.ofNullable(providers.get(providerId));
    }
}
