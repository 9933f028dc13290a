package io.turnpike.proxy.cache.store;

/**
 * What the response cache did for one {@code /v1/messages} call, as sent in {@code x-turnpike-cache-status} and
 * recorded on the event. Portkey's names.
 */
public enum ResponseCacheStatus {
    /** Answered from the cache; no upstream attempt. */
    HIT,
    /** Looked up, not found (or expired): forwarded, and stored if the answer is a complete 200. */
    MISS,
    /** The client forced a refresh: not looked up, forwarded, and stored as for a miss. */
    REFRESH,
    /** The route has no {@code cache} policy. */
    DISABLED
}
