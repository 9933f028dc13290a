package io.turnpike.proxy.limits.counters;

import io.turnpike.proxy.RateLimitPolicyView;

/**
 * The Generic Cell Rate Algorithm for "{@code limit} units per {@code period}": one number, the theoretical
 * arrival time (TAT), instead of a window of timestamps. Each unit pushes the TAT forward by the emission interval
 * {@code period / limit}; a unit fits while {@code TAT + interval <= now + period}. So a full burst of
 * {@code limit} units is allowed at once, capacity then comes back one unit per interval (a smoothly sliding
 * window, no reset cliff at window boundaries), and the wait until the next unit fits is known exactly:
 * {@code TAT + interval - period - now}.
 *
 * <p>Exact arithmetic: intervals such as 60 s / 7 are not whole milliseconds, so times are kept in fixed point,
 * milliseconds × {@code limit}, where the interval is exactly {@code periodMillis}. The TAT is stored relative to
 * the last time it was looked at, which keeps the numbers below {@code (period + debt) × limit}: with limits up to
 * {@link RateLimitPolicyView#MAX_LIMIT} and periods up to a day that is far from overflow. Token debt (a response
 * bigger than the whole budget) saturates instead of overflowing.
 *
 * <p>Not thread-safe: {@link RateLimitBucket} guards it.
 */
final class RateLimitGcra {
    private static final long MAX_SCALED = Long.MAX_VALUE / 4;

    private final long limit;
    private final long periodMillis;
    /** The time {@link #tatScaled} is relative to, epoch milliseconds. */
    private long originMillis;
    /** TAT − origin, in milliseconds × limit; 0 when idle (the TAT is in the past). */
    private long tatScaled;

    RateLimitGcra(long limit, long periodMillis, long nowMillis) {
        if (limit < 1 || periodMillis < 1) {
            throw new IllegalArgumentException("limit and period must be positive");
        }
        this.limit = limit;
        this.periodMillis = periodMillis;
        this.originMillis = nowMillis;
    }

    /** Milliseconds until one more unit fits; 0 when it fits now. */
    long waitMillis(long nowMillis) {
        rebase(nowMillis);
        long excess = tatScaled - periodMillis * (limit - 1);
        return excess <= 0 ? 0 : ceilDiv(excess, limit);
    }

    /** Counts {@code units} (which may overdraw: tokens are known only afterwards). */
    void consume(long nowMillis, long units) {
        rebase(nowMillis);
        long added = units > MAX_SCALED / periodMillis ? MAX_SCALED : units * periodMillis;
        tatScaled = Math.min(MAX_SCALED, tatScaled + added);
    }

    /** Whole units that would still fit now. */
    long remaining(long nowMillis) {
        rebase(nowMillis);
        long room = periodMillis * limit - tatScaled;
        return room <= 0 ? 0 : room / periodMillis;
    }

    /** Milliseconds until this counter is back to full capacity (its state then equals a fresh one's). */
    long busyMillis(long nowMillis) {
        rebase(nowMillis);
        return ceilDiv(tatScaled, limit);
    }

    private void rebase(long nowMillis) {
        long elapsed = nowMillis - originMillis;
        if (elapsed <= 0) {
            return; // same instant, or a clock that stepped back: keep the later origin
        }
        // elapsed × limit could overflow after a long idle time; compare in unscaled units first.
        tatScaled = elapsed >= ceilDiv(tatScaled, limit) ? 0 : tatScaled - elapsed * limit;
        originMillis = nowMillis;
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
