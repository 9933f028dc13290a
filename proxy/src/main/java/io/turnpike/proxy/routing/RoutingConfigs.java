package io.turnpike.proxy.routing;

import io.turnpike.events.config.ConfigValidationException;
import io.turnpike.events.config.ParsedConfig;
import io.turnpike.events.config.RoutingConfigDocument;
import io.turnpike.proxy.ApiKeyHash;
import io.turnpike.proxy.GatewayDirectory;
import io.turnpike.proxy.RoutingConfig;
import io.turnpike.proxy.wire.ProxyError;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The routing configs as the shared config model ({@link RoutingConfigDocument}), parsed once per config version:
 * requests run on IO threads, so a known version is answered from memory. Configs are validated when saved, so a
 * parse failure here means something changed underneath (a provider unregistered since): a 500 {@code api_error}
 * naming the config and the place in it.
 */
public final class RoutingConfigs {

    /** One version of a config, parsed. */
    public record Loaded(String configId, int version, ParsedConfig parsed) {
    }

    private record Cached(String document, Loaded loaded) {
    }

    private final GatewayDirectory directory;
    private final Map<String, Cached> byConfig = new ConcurrentHashMap<>();

    public RoutingConfigs(GatewayDirectory directory) {
        this.directory = directory;
    }

    GatewayDirectory directory() {
        return directory;
    }

    /** @throws ProxyError 500 {@code api_error} when the key has no config or the config is missing or invalid */
    public Loaded load(String configId) {
        if (configId == null || configId.isBlank()) {
            throw ProxyError.api("this API key has no routing config bound to it; ask an admin to bind one");
        }
        RoutingConfig config = directory.config(configId).orElseThrow(() ->
                misconfigured(configId, "the config does not exist"));
        Cached known = byConfig.get(configId);
        // The document is compared too: a version number alone could be reused by a hand-fed directory.
        if (known != null && known.loaded().version() == config.version()
                && known.document().equals(config.document())) {
            return known.loaded();
        }
        ParsedConfig parsed;
        try {
            parsed = RoutingConfigDocument.parse(config.document(), id -> directory.provider(id).isPresent());
        } catch (ConfigValidationException e) {
            throw misconfigured(configId, e.getMessage());
        }
        Loaded loaded = new Loaded(configId, config.version(), parsed);
        byConfig.put(configId, new Cached(config.document(), loaded));
        return loaded;
    }

    /** A config a request asked for by id: a missing one is the caller's mistake, not the gateway's. */
    Loaded requested(String configId) {
        if (directory.config(configId).isEmpty()) {
            throw ProxyError.invalidRequest("routing config \"" + configId + "\" (from " + ConfigOverride.HEADER
                    + ") does not exist");
        }
        return load(configId);
    }

    /**
     * A config sent inline with the request, validated like a saved one. It is named {@code inline-<hash>} (version
     * 0) in events, so identical inline configs group together without storing the document.
     */
    Loaded inline(String document) {
        ParsedConfig parsed;
        try {
            parsed = RoutingConfigDocument.parse(document, id -> directory.provider(id).isPresent());
        } catch (ConfigValidationException e) {
            throw ProxyError.invalidRequest(ConfigOverride.HEADER + " is not a valid routing config: " + e.getMessage());
        }
        return new Loaded("inline-" + ApiKeyHash.of(document).substring(0, 12), 0, parsed);
    }

    static ProxyError misconfigured(String configId, String problem) {
        return ProxyError.api("routing config \"" + configId + "\" is misconfigured: " + problem);
    }
}
