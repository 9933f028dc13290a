package io.turnpike.proxy;

import java.util.Map;
import java.util.Objects;

/**
 * An issued API key as the proxy sees it.
 *
 * @param metadata bound metadata; overwrites fields of the same name sent in the metadata header (key wins)
 */
public record KeyGrant(String keyId, String name, String configId, Map<String, String> metadata, boolean revoked) {
    public KeyGrant {
        Objects.requireNonNull(keyId, "keyId");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
