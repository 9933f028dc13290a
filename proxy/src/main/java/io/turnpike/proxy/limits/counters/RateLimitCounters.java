package io.turnpike.proxy.limits.counters;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * All live {@link RateLimitBucket}s, in Caffeine: a bucket stays while it holds state (its counters are not yet
 * back to full, or it was used within its longest period) and is evicted once idle, so memory follows the active
 * keys/users/teams rather than every one ever seen. {@code maxCounters} bounds it under a flood of distinct values;
 * evicting a busy bucket early can only make a limit more lenient, never refuse wrongly. Time is the injected clock.
 */
public final class RateLimitCounters {
    public static final long DEFAULT_MAX_COUNTERS = 100_000;

    private final Clock clock;
    private final Cache<RateLimitCounterKey, RateLimitBucket> buckets;
    private final AtomicLong created = new AtomicLong();

    public RateLimitCounters(Clock clock, long maxCounters) {
        this.clock = clock;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxCounters)
                .expireAfter(new WhileBusy(clock))
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .build();
    }

    public RateLimitBucket bucket(RateLimitCounterKey key) {
        return buckets.get(key, k -> new RateLimitBucket(k, created.incrementAndGet(), clock.millis()));
    }

    /** Re-arms a bucket's expiry after its state changed (a big token count can keep it busy for long). */
    public void touched(RateLimitBucket bucket) {
        long keep = bucket.keepMillis(clock.millis());
        buckets.policy().expireVariably().ifPresent(p -> p.setExpiresAfter(bucket.key, Duration.ofMillis(keep)));
    }

    /** Live buckets after pending evictions ran. */
    public long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private record WhileBusy(Clock clock) implements Expiry<RateLimitCounterKey, RateLimitBucket> {
        @Override
        public long expireAfterCreate(RateLimitCounterKey key, RateLimitBucket bucket, long currentTime) {
            return keepNanos(bucket);
        }

        @Override
        public long expireAfterUpdate(RateLimitCounterKey key, RateLimitBucket bucket, long currentTime,
                                      long currentDuration) {
            return keepNanos(bucket);
        }

        @Override
        public long expireAfterRead(RateLimitCounterKey key, RateLimitBucket bucket, long currentTime,
                                    long currentDuration) {
            return keepNanos(bucket);
        }

        private long keepNanos(RateLimitBucket bucket) {
            return Duration.ofMillis(bucket.keepMillis(clock.millis())).toNanos();
        }
    }
}
