package io.turnpike.proxy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The allow-list of each config, parsed once per config version (requests run on IO threads: no re-parsing of
 * the document on every call once it is known).
 */
final class ModelAllowLists {
    private record Parsed(int version, String document, ModelAllowList allowList) {
    }

    private final GatewayDirectory directory;
    private final ModelCatalogue catalogue;
    private final Map<String, Parsed> byConfig = new ConcurrentHashMap<>();

    ModelAllowLists(GatewayDirectory directory, ModelCatalogue catalogue) {
        this.directory = directory;
        this.catalogue = catalogue;
    }

    ModelCatalogue catalogue() {
        return catalogue;
    }

    /** @throws ProxyError 500 {@code api_error} when the key has no config or the config is missing or malformed */
    ModelAllowList forConfig(String configId) {
        if (configId == null || configId.isBlank()) {
            throw ProxyError.api("this API key has no routing config bound to it; ask an admin to bind one");
        }
        RoutingConfig config = directory.config(configId).orElseThrow(() -> ProxyError.api(
                "routing config \"" + configId + "\" is misconfigured: the config does not exist"));
        Parsed known = byConfig.get(configId);
        if (known != null && known.version() == config.version() && known.document().equals(config.document())) {
            return known.allowList();
        }
        ModelAllowList allowList = ModelAllowList.of(config, catalogue);
        byConfig.put(configId, new Parsed(config.version(), config.document(), allowList));
        return allowList;
    }
}
