package io.turnpike.streamjobs.clickhouse;

import java.io.Serializable;
import java.time.Duration;

/**
 * How often a failed batch insert is tried again before the task gives up, with doubling pauses in between.
 * Giving up is safe: Flink restarts from the last checkpoint and replays into a ReplacingMergeTree.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) implements Serializable {
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(2));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
    }

    /** The pause after the given failed attempt (1-based). */
    Duration backoffAfter(int failedAttempt) {
        Duration backoff = initialBackoff;
        for (int i = 1; i < failedAttempt && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
