package io.turnpike.proxy.limits.counters;

import io.turnpike.proxy.RateLimitPolicyView;

/**
 * Which counters: a policy (compared by value, so an edited policy starts fresh counters) and the request's value
 * of the policy's scope.
 */
public record RateLimitCounterKey(RateLimitPolicyView policy, String scopeValue) {
}
