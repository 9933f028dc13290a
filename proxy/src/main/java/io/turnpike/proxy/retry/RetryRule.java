package io.turnpike.proxy.retry;

import io.turnpike.proxy.RetryTiming;
import io.turnpike.proxy.providers.AttemptOutcome;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

/**
 * Decides whether an attempt's outcome is retried, and after how long: only while the target has retries left,
 * only for an outcome that may be retried (no answer at all, or a status in the target's {@code on_status_codes}),
 * waiting the upstream's {@link RetryAfter} hint when the target asks for it and the {@link Backoff} otherwise —
 * and never when the wait would end beyond the total retry time.
 */
public final class RetryRule {
    private final Backoff backoff;
    private final Duration maxTotal;

    RetryRule(Backoff backoff, Duration maxTotal) {
        this.backoff = backoff;
        this.maxTotal = maxTotal;
    }

    public static RetryRule of(RetryTiming timing, Random random) {
        return new RetryRule(new Backoff(timing.backoffBase(), timing.backoffCap(), random), timing.maxTotal());
    }

    /**
     * The wait before the next try, or empty to commit {@code outcome}.
     *
     * @param retriesDone retries of this target so far (0 after the first try)
     * @param firstStart  when the request's first attempt started
     */
    public Optional<Duration> nextDelay(AttemptPolicy policy, AttemptOutcome outcome, int retriesDone,
                                        Instant firstStart, Instant now) {
        if (retriesDone >= policy.retries() || !retryable(policy, outcome)) {
            return Optional.empty();
        }
        Duration delay = null;
        if (policy.useRetryAfterHeader()) {
            delay = RetryAfter.parse(outcome.upstreamHeader("retry-after-ms"), outcome.upstreamHeader("retry-after"),
                    now).orElse(null);
        }
        if (delay == null) {
            delay = backoff.delay(retriesDone);
        }
        Instant retryAt = now.plus(delay);
        if (retryAt.isAfter(firstStart.plus(maxTotal))) {
            return Optional.empty();
        }
        return Optional.of(delay);
    }

    private static boolean retryable(AttemptPolicy policy, AttemptOutcome outcome) {
        return switch (outcome.retryability()) {
            case NEVER -> false;
            case ALWAYS -> true;
            case BY_STATUS -> policy.retriesOn(outcome.status());
        };
    }
}
