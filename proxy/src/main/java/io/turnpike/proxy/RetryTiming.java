package io.turnpike.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the proxy waits between retries of a target: exponential backoff with full jitter (a random wait in
 * {@code [0, min(backoffCap, backoffBase × 2^retry)]}), and {@code maxTotal}, the longest time from a request's
 * first attempt after which no further retry starts (a wait that would end later is not begun).
 */
public record RetryTiming(Duration backoffBase, Duration backoffCap, Duration maxTotal) {

    public RetryTiming {
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffCap, "backoffCap");
        Objects.requireNonNull(maxTotal, "maxTotal");
        if (backoffBase.isNegative() || backoffCap.isNegative() || maxTotal.isNegative()) {
            throw new IllegalArgumentException("retry timings must not be negative");
        }
        if (backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoffCap must not be below backoffBase");
        }
    }

    /** 200 ms base, 10 s cap, 60 s in total. */
    public static RetryTiming defaults() {
        return new RetryTiming(Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(60));
    }
}
