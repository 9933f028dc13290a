package io.turnpike.proxy.auth;

import io.turnpike.proxy.GatewayDirectory;
import io.turnpike.proxy.KeyGrant;
import io.turnpike.proxy.models.ModelCatalogue;
import io.turnpike.proxy.routing.RoutingConfigs;
import io.turnpike.proxy.wire.ProxyError;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The allow-list of each config, built once per config version from the parsed config ({@link RoutingConfigs}):
 * requests run on IO threads, so a known version is answered from memory.
 */
public final class ModelAllowLists {
    private record Built(RoutingConfigs.Loaded config, ModelAllowList allowList) {
    }

    private final RoutingConfigs configs;
    private final ModelCatalogue catalogue;
    private final Map<String, Built> byConfig = new ConcurrentHashMap<>();

    public ModelAllowLists(GatewayDirectory directory, ModelCatalogue catalogue) {
        this(new RoutingConfigs(directory), catalogue);
    }

    public ModelAllowLists(RoutingConfigs configs, ModelCatalogue catalogue) {
        this.configs = configs;
        this.catalogue = catalogue;
    }

    ModelCatalogue catalogue() {
        return catalogue;
    }

    /** The parsed configs this allow-list reads; the router shares them so a config is parsed once. */
    public RoutingConfigs configs() {
        return configs;
    }

    /**
     * The key's own {@code allowed_models}, applied on top of its config's list (both must allow a model).
     * Built per request: the grant is fresh from the directory each time and the list is a handful of ids.
     */
    public ModelAllowList forKey(KeyGrant key) {
        return ModelAllowList.of(key.allowedModels(), catalogue);
    }

    /** @throws ProxyError 500 {@code api_error} when the key has no config or the config is missing or invalid */
    public ModelAllowList forConfig(String configId) {
        RoutingConfigs.Loaded config = configs.load(configId);
        Built known = byConfig.get(configId);
        if (known != null && known.config() == config) {
            return known.allowList();
        }
        ModelAllowList allowList = ModelAllowList.of(config.parsed().allowedModels(), catalogue);
        byConfig.put(configId, new Built(config, allowList));
        return allowList;
    }
}
