package io.turnpike.proxy.retry;

import io.turnpike.events.config.RetryPolicy;
import io.turnpike.events.config.Target;

import java.time.Duration;
import java.util.Set;

/**
 * How hard to try one provider target: the Portkey {@code retry} block ({@code attempts} = retries after the first
 * try; {@code on_status_codes}; {@code use_retry_after_header}) and {@code request_timeout} (until the upstream's
 * response headers; none by default) — the target's effective values in the parsed config, inherited down the tree.
 */
public record AttemptPolicy(int retries, Set<Integer> retryOnStatus, boolean useRetryAfterHeader,
        Duration requestTimeout) {

    static final Set<Integer> DEFAULT_RETRY_ON_STATUS = Set.copyOf(RetryPolicy.DEFAULT_STATUS_CODES);
    static final AttemptPolicy NONE = new AttemptPolicy(0, DEFAULT_RETRY_ON_STATUS, false, null);

    public AttemptPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
        retryOnStatus = Set.copyOf(retryOnStatus);
        if (requestTimeout != null && (requestTimeout.isNegative() || requestTimeout.isZero())) {
            throw new IllegalArgumentException("the request timeout must be positive");
        }
    }

    /** The effective policy of a provider target. */
    public static AttemptPolicy of(Target target) {
        RetryPolicy retry = target.retry();
        return new AttemptPolicy(retry.attempts(), Set.copyOf(retry.onStatusCodes()), retry.useRetryAfterHeader(),
                target.requestTimeoutMs() == null ? null : Duration.ofMillis(target.requestTimeoutMs()));
    }

    boolean retriesOn(int status) {
        return status / 100 != 2 && retryOnStatus.contains(status);
    }
}
