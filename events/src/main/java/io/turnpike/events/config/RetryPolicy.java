package io.turnpike.events.config;

import java.util.List;

/**
 * Retries of one provider target.
 *
 * @param attempts            retries after the first try (0–10); 0 means no retry
 * @param onStatusCodes       statuses that are retried
 * @param useRetryAfterHeader wait as long as the provider's {@code retry-after-ms}/{@code retry-after} asks
 */
public record RetryPolicy(int attempts, List<Integer> onStatusCodes, boolean useRetryAfterHeader) {
    public static final List<Integer> DEFAULT_STATUS_CODES = List.of(429, 500, 502, 503, 504);
    /** No retry: what a target gets when neither it nor an ancestor sets {@code retry}. */
    public static final RetryPolicy NONE = new RetryPolicy(0, DEFAULT_STATUS_CODES, false);

    public RetryPolicy {
        onStatusCodes = List.copyOf(onStatusCodes);
    }
}
