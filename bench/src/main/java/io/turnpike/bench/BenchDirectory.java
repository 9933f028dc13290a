package io.turnpike.bench;

import io.turnpike.events.guardrails.GuardrailDocument;
import io.turnpike.proxy.ApiKeyHash;
import io.turnpike.proxy.GatewayDirectory;
import io.turnpike.proxy.GuardrailDefinition;
import io.turnpike.proxy.KeyGrant;
import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.RoutingConfig;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bench's gateway directory, held in maps as the proxy requires (it is asked on IO threads for every request).
 * Filled once before the load starts; keys are registered by their plain text and stored hashed.
 */
final class BenchDirectory implements GatewayDirectory {
    private final Map<String, KeyGrant> keys = new ConcurrentHashMap<>();
    private final Map<String, RoutingConfig> configs = new ConcurrentHashMap<>();
    private final Map<String, ProviderAccount> providers = new ConcurrentHashMap<>();
    private final Map<String, GuardrailDefinition> guardrails = new ConcurrentHashMap<>();

    BenchDirectory key(String plainKey, KeyGrant grant) {
        keys.put(ApiKeyHash.of(plainKey), grant);
        return this;
    }

    BenchDirectory config(RoutingConfig config) {
        configs.put(config.configId(), config);
        return this;
    }

    BenchDirectory provider(ProviderAccount provider) {
        providers.put(provider.id(), provider);
        return this;
    }

    /** Defines a guardrail from its admin document JSON, at version 1. */
    BenchDirectory defineGuardrail(String documentJson) {
        GuardrailDocument document = GuardrailDocument.parse(documentJson);
        guardrails.put(document.id(), new GuardrailDefinition(document, 1));
        return this;
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

    @Override
    public Optional<GuardrailDefinition> guardrail(String guardrailId) {
        return Optional.ofNullable(guardrails.get(guardrailId));
    }
}
