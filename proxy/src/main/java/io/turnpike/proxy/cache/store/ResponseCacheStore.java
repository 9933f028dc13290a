package io.turnpike.proxy.cache.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.turnpike.proxy.ResponseCacheLimits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The cache's memory, in Caffeine: bounded by total bytes (each entry weighs its body plus bookkeeping), each
 * entry served until its own {@code expiresAt} on the injected clock. Caffeine's operations never block on I/O, so
 * the IO threads may call them. Maintenance runs on the calling thread, which keeps the bound exact after each call.
 */
public final class ResponseCacheStore {
    private final ResponseCacheLimits limits;
    private final Clock clock;
    private final Cache<CacheKey, ResponseCacheEntry> entries;

    public ResponseCacheStore(ResponseCacheLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(limits.maxBytes())
                .weigher((CacheKey key, ResponseCacheEntry entry) -> (int) Math.min(Integer.MAX_VALUE, entry.weight()))
                .expireAfter(new UntilExpiresAt(clock))
                .ticker(new ClockTicker(clock))
                .executor(Runnable::run)
                .build();
    }

    /** The live entry for {@code key}; an expired one is reported absent. */
    public Optional<ResponseCacheEntry> get(CacheKey key) {
        ResponseCacheEntry entry = entries.getIfPresent(key);
        // Caffeine expires on its ticker's schedule; the clock's own verdict is the contract.
        if (entry == null || entry.isExpiredAt(clock.instant())) {
            if (entry != null) {
                entries.invalidate(key);
            }
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    /** Stores (or replaces) an entry; false when it is larger than one entry may be. */
    boolean put(CacheKey key, ResponseCacheEntry entry) {
        if (entry.body().length > limits.maxEntryBytes() || entry.weight() > limits.maxBytes()) {
            return false;
        }
        entries.put(key, entry);
        entries.cleanUp();
        return true;
    }

    long weightedBytes() {
        entries.cleanUp();
        return entries.policy().eviction().orElseThrow().weightedSize().orElse(0L);
    }

    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    long maxEntryBytes() {
        return limits.maxEntryBytes();
    }

    Clock clock() {
        return clock;
    }

    /** Each entry lives until its own {@code expiresAt}; none means until evicted by size. */
    private record UntilExpiresAt(Clock clock) implements Expiry<CacheKey, ResponseCacheEntry> {
        @Override
        public long expireAfterCreate(CacheKey key, ResponseCacheEntry entry, long currentTime) {
            return remainingNanos(entry);
        }

        @Override
        public long expireAfterUpdate(CacheKey key, ResponseCacheEntry entry, long currentTime, long currentDuration) {
            return remainingNanos(entry);
        }

        @Override
        public long expireAfterRead(CacheKey key, ResponseCacheEntry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }

        private long remainingNanos(ResponseCacheEntry entry) {
            if (entry.expiresAt() == null) {
                return Long.MAX_VALUE;
            }
            return Math.max(0, Duration.between(clock.instant(), entry.expiresAt()).toNanos());
        }
    }

    /** Caffeine's time is the injected clock's, so tests can move it. */
    private record ClockTicker(Clock clock) implements Ticker {
        @Override
        public long read() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }
    }
}
