package io.turnpike.proxy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An issued API key as the proxy sees it.
 *
 * @param metadata              bound metadata; overwrites fields of the same name sent in the metadata header (key wins)
 * @param configOverrideAllowed whether a request may choose another config with {@code x-turnpike-config}
 * @param expiresAt             when the key stops working (compared with the proxy's clock per request); null: never
 * @param allowedModels         the only models this key may request (on top of its config's allow-list); null: any
 * @param retiringAt            set when the presented material was replaced by a rotation: it works until then
 * @param guardrailIds          guardrails every request of this key runs, whatever its config attaches
 */
public record KeyGrant(String keyId, String name, String configId, Map<String, String> metadata, boolean revoked,
                       boolean configOverrideAllowed, Instant expiresAt, List<String> allowedModels,
                       Instant retiringAt, List<String> guardrailIds) {
    public KeyGrant {
        Objects.requireNonNull(keyId, "keyId");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        allowedModels = allowedModels == null ? null : List.copyOf(allowedModels);
        guardrailIds = guardrailIds == null ? List.of() : List.copyOf(guardrailIds);
    }

    /** A key without guardrails of its own. */
    public KeyGrant(String keyId, String name, String configId, Map<String, String> metadata, boolean revoked,
                    boolean configOverrideAllowed, Instant expiresAt, List<String> allowedModels,
                    Instant retiringAt) {
        this(keyId, name, configId, metadata, revoked, configOverrideAllowed, expiresAt, allowedModels, retiringAt,
                List.of());
    }

    /** A key without expiry or model limits, presented with its current material. */
    public KeyGrant(String keyId, String name, String configId, Map<String, String> metadata, boolean revoked,
                    boolean configOverrideAllowed) {
        this(keyId, name, configId, metadata, revoked, configOverrideAllowed, null, null, null);
    }

    /** A key that routes only by its own config. */
    public KeyGrant(String keyId, String name, String configId, Map<String, String> metadata, boolean revoked) {
        this(keyId, name, configId, metadata, revoked, false);
    }
}
