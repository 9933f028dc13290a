package io.turnpike.proxy;

import java.util.Objects;

/**
 * One version of a routing config.
 *
 * @param document Portkey-style config JSON, e.g.
 *                 {@code {"strategy":{"mode":"single"},"targets":[{"provider":"@mock-1"}]}}
 */
public record RoutingConfig(String configId, int version, String document) {
    public RoutingConfig {
        Objects.requireNonNull(configId, "configId");
        Objects.requireNonNull(document, "document");
    }
}
