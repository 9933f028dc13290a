package io.turnpike.proxy.cache.store;

import java.time.Instant;

/**
 * One stored answer: the exact bytes the client received (a JSON body, or the whole SSE stream) and their content
 * type. Only complete 200 responses are stored, so the status is implied.
 *
 * @param expiresAt when the entry stops being served; null = only evicted by the size bound
 */
public record ResponseCacheEntry(String contentType, byte[] body, Instant expiresAt) {

    /** What the entry costs the cache's byte budget: the body plus a fixed allowance for key and bookkeeping. */
    long weight() {
        return body.length + 256L;
    }

    boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
