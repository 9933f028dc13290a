package io.turnpike.proxy.routing;

import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.wire.ProxyError;
import io.undertow.server.HttpServerExchange;

import java.util.Optional;

/**
 * The per-request routing override: {@code x-turnpike-config} (alias {@code x-portkey-config}) names another
 * config by id or carries one inline as JSON. Only keys issued with {@code allow_config_override} may use it; the
 * key's own model allow-list still applies, so an override changes where a request goes, never what it may ask for.
 */
final class ConfigOverride {
    static final String HEADER = "x-turnpike-config";
    static final String ALIAS = "x-portkey-config";

    private ConfigOverride() {
    }

    /** The header's value, if the request sent one. */
    static Optional<String> requested(HttpServerExchange exchange) {
        String value = exchange.getRequestHeaders().getFirst(HEADER);
        if (value == null || value.isBlank()) {
            value = exchange.getRequestHeaders().getFirst(ALIAS);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * The config to route this request by, when it asked for one.
     *
     * @throws ProxyError 403 {@code permission_error} when the key may not override; 400 {@code invalid_request_error}
     *                    for an unknown config id or an invalid inline config (naming the place in it)
     */
    static Optional<RoutingConfigs.Loaded> resolve(ProxyCall call, RoutingConfigs configs) {
        Optional<String> requested = requested(call.exchange());
        if (requested.isEmpty()) {
            return Optional.empty();
        }
        if (!call.key().configOverrideAllowed()) {
            throw ProxyError.permission("this API key may not choose a routing config per request (" + HEADER
                    + "); ask an admin to issue a key with allow_config_override");
        }
        String value = requested.get();
        return Optional.of(value.startsWith("{") ? configs.inline(value) : configs.requested(value));
    }
}
