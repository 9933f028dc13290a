package io.turnpike.aggregates;

import java.time.Instant;
import java.util.Map;

/**
 * A gateway key as the proxy and admins see it; {@code revokedAt} is {@code null} while the key is active, and
 * {@code configOverrideAllowed} says whether a request may name another config in {@code x-turnpike-config}.
 */
public record KeyView(String id, String name, String keyPrefix, String keyHash, String configId,
                      Map<String, String> metadata, boolean revoked, Instant createdAt, Instant revokedAt,
                      boolean configOverrideAllowed) {
}
