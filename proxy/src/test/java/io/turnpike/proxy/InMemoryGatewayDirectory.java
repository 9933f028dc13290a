package io.turnpike.proxy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A directory held in maps, filled by tests; keys are registered by their plain text and stored hashed. */
final class InMemoryGatewayDirectory implements GatewayDirectory {
    private final Map<String, KeyGrant> keys = new ConcurrentHashMap<>();
    private final Map<String, RoutingConfig> configs = new ConcurrentHashMap<>();
    private final Map<String, ProviderAccount> providers = new ConcurrentHashMap<>();

    InMemoryGatewayDirectory key(String plainKey, KeyGrant grant) {
        keys.put(ApiKeyHash.of(plainKey), grant);
        return this;
    }

    InMemoryGatewayDirectory config(RoutingConfig config) {
        configs.put(config.configId(), config);
        return this;
    }

    InMemoryGatewayDirectory provider(ProviderAccount provider) {
        providers.put(provider.id(), provider);
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
}
