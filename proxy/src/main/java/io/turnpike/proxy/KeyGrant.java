package io.turnpike.proxy;

import java.util.Map;
import java.util.Objects;

/**
 * An issued API key as the proxy sees it.
 *
 * @param metadata              bound metadata; overwrites fields of the same name sent in the metadata header (key wins)
 * @param configOverrideAllowed whether a request may choose another config with {@code x-turnpike-config}
 */
public record KeyGrant(String keyId, String name, String configId, Map<String, String> metadata, boolean revoked,
                       boolean configOverrideAllowed) {
    public KeyGrant {
        Objects.requireNonNull(keyId, "keyId");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A key that routes only by its own config. */
    public KeyGrant(String keyId, String name, String configId, Map<String, String> metadata, boolean revoked) {
        this(keyId, name, configId, metadata, revoked, false);
    }
}
