package io.turnpike.proxy.retry;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential backoff with full jitter: before retry {@code n} (0 = the first retry) wait a uniformly random time
 * in {@code [0, min(cap, base × 2^n)]}. Full jitter spreads the retries of many clients that failed together, so
 * they do not hit a recovering upstream in lock step. {@link Random} is thread-safe; tests pass a seeded one.
 */
final class Backoff {
    private final long baseMillis;
    private final long capMillis;
    private final Random random;

    Backoff(Duration base, Duration cap, Random random) {
        this.baseMillis = base.toMillis();
        this.capMillis = cap.toMillis();
        this.random = random;
    }

    /** The upper bound of the wait before retry {@code retryIndex}. */
    long ceilingMillis(int retryIndex) {
        // Shifting past 62 bits would overflow; the cap is reached long before.
        if (retryIndex >= 62 || baseMillis > (capMillis >> Math.min(retryIndex, 62))) {
            return capMillis;
        }
        return Math.min(capMillis, baseMillis << retryIndex);
    }

    Duration delay(int retryIndex) {
        long ceiling = ceilingMillis(retryIndex);
        return Duration.ofMillis(ceiling == 0 ? 0 : random.nextLong(ceiling + 1));
    }
}
