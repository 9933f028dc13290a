package io.turnpike.proxy.limits;

import io.turnpike.proxy.limits.counters.RateLimitCounterKey;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rate limiter's answer for one request: one verdict per policy that decided (all matching policies when
 * allowed; only the refusing ones when refused, since nothing was counted) and the counters to add the request's
 * tokens to once it completes.
 */
record RateLimitOutcome(List<RateLimitVerdict> verdicts, List<RateLimitCounterKey> counted) {
    static final RateLimitOutcome NO_POLICY = new RateLimitOutcome(List.of(), List.of());

    RateLimitOutcome {
        verdicts = List.copyOf(verdicts);
        counted = List.copyOf(counted);
    }

    boolean allowed() {
        return verdicts.stream().allMatch(RateLimitVerdict::allowed);
    }

    /** The refusal that waits longest: its wait is the request's {@code retry-after}. */
    Optional<RateLimitVerdict> longestRefusal() {
        return verdicts.stream().filter(v -> !v.allowed())
                .max(Comparator.comparingLong(RateLimitVerdict::retryAfterSeconds));
    }
}
