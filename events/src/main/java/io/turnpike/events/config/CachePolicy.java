package io.turnpike.events.config;

/**
 * Response caching of a target. Only {@code "simple"} (exact match on the normalised request) exists.
 *
 * @param maxAgeSeconds how long an entry is served; null when unset (kept until evicted by the cache's size bound)
 */
public record CachePolicy(String mode, Long maxAgeSeconds) {
    public static final String SIMPLE = "simple";
}
