package io.turnpike.proxy;

/**
 * Which counters: a policy (compared by value, so an edited policy starts fresh counters) and the request's value
 * of the policy's scope.
 */
record RateLimitCounterKey(RateLimitPolicyView policy, String scopeValue) {
}
