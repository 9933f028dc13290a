package io.turnpike.proxy.limits;

import io.turnpike.proxy.RateLimitPolicyView;
import io.turnpike.proxy.RateLimitRule;
import io.turnpike.proxy.limits.counters.RateLimitCounterKey;

/**
 * What one matching policy said about one request. Allowed: the rule closest to exhaustion and what is left of it
 * after this request. Refused: the exhausted rule with the longest wait and that wait in whole seconds, rounded up.
 */
record RateLimitVerdict(RateLimitCounterKey counter, boolean allowed, RateLimitRule rule, long remaining,
                        long retryAfterSeconds) {

    /** For people and the 429: names the policy, the limit and the counted value. */
    String describe() {
        RateLimitPolicyView policy = counter.policy();
        String what = "rate limit \"" + policy.id() + "\" (" + rule.describe() + " per " + policy.scope().wireName()
                + " \"" + counter.scopeValue() + "\")";
        return allowed ? "within " + what
                : what + " exceeded; retry after " + retryAfterSeconds + " s";
    }
}
