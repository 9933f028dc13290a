package io.turnpike.aggregates.storage;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory aggregate caches, one per aggregate type (each repository only ever holds its own class), kept here so
 * that an aggregate another replica changed can be evicted: the next command then loads it from the store instead of
 * deciding on the copy this process last saw.
 */
public final class AggregateCaches {
    private final Map<Class<?>, Cache> byType = new ConcurrentHashMap<>();

    public Cache forType(Class<?> aggregateType) {
        return byType.computeIfAbsent(aggregateType, type -> new WeakReferenceCache());
    }

    /** Drops the cached copy of this aggregate, whatever its type (identifiers are type-prefixed, see StreamIds). */
    public void evict(String aggregateIdentifier) {
        for (Cache cache : byType.values()) {
            cache.remove(aggregateIdentifier);
        }
    }
}
