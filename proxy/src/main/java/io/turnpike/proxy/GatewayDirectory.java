package io.turnpike.proxy;

import java.util.Optional;

/**
 * What the proxy needs to know about keys, configs and providers. The launcher adapts the admin read models to
 * this port, so the proxy never depends on {@code aggregates}.
 *
 * <p>Called on Undertow IO threads for every request: implementations must answer from memory (a map or a
 * cache), never by blocking on a database or the network.
 */
public interface GatewayDirectory {

    /**
     * @param keyHash lowercase hex SHA-256 of the UTF-8 key string ({@link ApiKeyHash#of(String)})
     * @return the key, including revoked ones (so the proxy can say "revoked" rather than "invalid")
     */
    Optional<KeyGrant> keyByHash(String keyHash);

    /** The latest version of a routing config. */
    Optional<RoutingConfig> config(String configId);

    Optional<ProviderAccount> provider(String providerId);
}
