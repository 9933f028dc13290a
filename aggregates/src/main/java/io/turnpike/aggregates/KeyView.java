package io.turnpike.aggregates;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A gateway key as the proxy and admins see it; {@code revokedAt} is {@code null} while the key is active, and
 * {@code configOverrideAllowed} says whether a request may name another config in {@code x-turnpike-config}.
 * {@code allowedModels} null: any model the config allows; {@code expiresAt} null: never expires. After a rotation
 * {@code previousKeyHash} still authenticates until {@code previousKeyHashValidUntil}. {@code owner} is the actor
 * who issued the key. {@code guardrailIds} are the key's mandatory guardrails (empty: none of its own), run on every
 * request of the key in addition to its tenant's and its config's.
 */
public record KeyView(String id, String name, String keyPrefix, String keyHash, String configId,
                      Map<String, String> metadata, boolean revoked, Instant createdAt, Instant revokedAt,
                      boolean configOverrideAllowed, List<String> allowedModels, Instant expiresAt,
                      String previousKeyHash, Instant previousKeyHashValidUntil, String owner, Instant rotatedAt,
                      List<String> guardrailIds) {

    public KeyView {
        guardrailIds = guardrailIds == null ? List.of() : List.copyOf(guardrailIds);
    }

    /** A key without guardrails of its own. */
    public KeyView(String id, String name, String keyPrefix, String keyHash, String configId,
                   Map<String, String> metadata, boolean revoked, Instant createdAt, Instant revokedAt,
                   boolean configOverrideAllowed, List<String> allowedModels, Instant expiresAt,
                   String previousKeyHash, Instant previousKeyHashValidUntil, String owner, Instant rotatedAt) {
        this(id, name, keyPrefix, keyHash, configId, metadata, revoked, createdAt, revokedAt, configOverrideAllowed,
                allowedModels, expiresAt, previousKeyHash, previousKeyHashValidUntil, owner, rotatedAt, null);
    }

    /** A key without limits, never rotated, owner unknown. */
    public KeyView(String id, String name, String keyPrefix, String keyHash, String configId,
                   Map<String, String> metadata, boolean revoked, Instant createdAt, Instant revokedAt,
                   boolean configOverrideAllowed) {
        this(id, name, keyPrefix, keyHash, configId, metadata, revoked, createdAt, revokedAt, configOverrideAllowed,
                null, null, null, null, null, null);
    }

    /**
     * Whether {@code presentedHash} is this key's current hash. The comparison takes the same time wherever the
     * strings differ: the map lookup that found this key was keyed by a hash of 256 random bits, which leaks nothing
     * useful, but a stored hash compared byte by byte should not tell an attacker how many leading bytes matched.
     */
    public boolean isCurrentHash(String presentedHash) {
        return sameHash(keyHash, presentedHash);
    }

    /** Whether {@code presentedHash} is the hash this key had before its last rotation (valid or not any more). */
    public boolean isPreviousHash(String presentedHash) {
        return previousKeyHash != null && sameHash(previousKeyHash, presentedHash);
    }

    private static boolean sameHash(String stored, String presented) {
        return presented != null && MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }
}
