package io.turnpike.proxy.limits.counters;

import io.turnpike.proxy.RateLimitRule;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The counters of one policy for one value of its scope (team {@code eng}, user {@code ana@…}): one
 * {@link RateLimitGcra} per rule. A request that matches several policies locks their buckets in {@link #order}
 * so it can check all of them and count in all or none, without deadlock; the critical sections are a few
 * arithmetic operations, so IO threads never wait long.
 */
public final class RateLimitBucket {
    public final RateLimitCounterKey key;
    /** Creation order, the global lock order. */
    public final long order;
    private final List<RateLimitRule> rules;
    private final List<RateLimitGcra> counters;
    private final ReentrantLock lock = new ReentrantLock();
    private final long longestPeriodMillis;
    /** When all counters are back to full capacity, epoch ms; read by the cache's expiry without the lock. */
    private volatile long quietAtMillis;

    RateLimitBucket(RateLimitCounterKey key, long order, long nowMillis) {
        this.key = key;
        this.order = order;
        this.rules = key.policy().rules();
        this.counters = new ArrayList<>(rules.size());
        long longest = 0;
        for (RateLimitRule rule : rules) {
            counters.add(new RateLimitGcra(rule.limit(), rule.period().toMillis(), nowMillis));
            longest = Math.max(longest, rule.period().toMillis());
        }
        this.longestPeriodMillis = longest;
        this.quietAtMillis = nowMillis;
    }

    public void lock() {
        lock.lock();
    }

    public void unlock() {
        lock.unlock();
    }

    /** The exhausted rules and how long each must wait; empty when a request may go. Caller holds the lock. */
    public List<Exhausted> exhausted(long nowMillis) {
        List<Exhausted> exhausted = new ArrayList<>(1);
        for (int i = 0; i < rules.size(); i++) {
            long wait = counters.get(i).waitMillis(nowMillis);
            if (wait > 0) {
                exhausted.add(new Exhausted(rules.get(i), wait));
            }
        }
        return exhausted;
    }

    /** Counts one request against every request rule. Caller holds the lock. */
    public void countRequest(long nowMillis) {
        for (int i = 0; i < rules.size(); i++) {
            if (!rules.get(i).tokens()) {
                counters.get(i).consume(nowMillis, 1);
            }
        }
        updateQuietAt(nowMillis);
    }

    /** The rule closest to exhaustion now and what is left of it. Caller holds the lock. */
    public Remaining tightest(long nowMillis) {
        Remaining tightest = null;
        for (int i = 0; i < rules.size(); i++) {
            long left = counters.get(i).remaining(nowMillis);
            if (tightest == null || left < tightest.remaining()) {
                tightest = new Remaining(rules.get(i), left);
            }
        }
        return tightest;
    }

    /** Adds a finished request's tokens to the token rules; takes the lock itself. */
    public void addTokens(long nowMillis, long tokens) {
        lock.lock();
        try {
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).tokens()) {
                    counters.get(i).consume(nowMillis, tokens);
                }
            }
            updateQuietAt(nowMillis);
        } finally {
            lock.unlock();
        }
    }

    /**
     * How long this bucket must be kept from now: until every counter is full again, and at least one longest
     * period after its last use. Evicting it later is harmless: a fresh bucket then behaves the same.
     */
    long keepMillis(long nowMillis) {
        return Math.max(longestPeriodMillis, quietAtMillis - nowMillis);
    }

    private void updateQuietAt(long nowMillis) {
        long busy = 0;
        for (RateLimitGcra counter : counters) {
            busy = Math.max(busy, counter.busyMillis(nowMillis));
        }
        quietAtMillis = nowMillis + busy;
    }

    public record Exhausted(RateLimitRule rule, long waitMillis) {
    }

    public record Remaining(RateLimitRule rule, long remaining) {
    }
}
