package io.turnpike.proxy.limits;

import io.turnpike.events.policy.PolicyDecision;
import io.turnpike.events.request.TokenUsage;
import io.turnpike.proxy.RateLimitPolicyView;
import io.turnpike.proxy.RequestEventSink;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.limits.counters.RateLimitBucket;
import io.turnpike.proxy.limits.counters.RateLimitCounterKey;
import io.turnpike.proxy.limits.counters.RateLimitCounters;
import io.turnpike.proxy.wire.ProxyError;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Enforces the rate-limit policies in this process (single node: each replica counts on its own).
 *
 * <p>{@link #admit} runs after authentication and metadata, before routing: every policy whose {@code match}
 * holds and whose scope value the request has is checked; if any rule is exhausted the request is refused with 429
 * and the longest wait as {@code retry-after}, and nothing is counted; otherwise one request is counted in every
 * matching policy. Token rules are pre-checked here (refuse only while already exhausted) and charged by
 * {@link #settle} when the request completes, with the usage then known. Each decision is a {@link PolicyDecision};
 * no matching policy, no event.
 */
public final class RateLimiter {
    private final Supplier<List<RateLimitPolicyView>> policies;
    private final RateLimitCounters counters;
    private final Clock clock;
    private final RequestEventSink sink;

    public RateLimiter(Supplier<List<RateLimitPolicyView>> policies, RateLimitCounters counters, Clock clock,
                RequestEventSink sink) {
        this.policies = policies;
        this.counters = counters;
        this.clock = clock;
        this.sink = sink;
    }

    /** Limits nothing (endpoints that are not rate limited, such as count_tokens). */
    public static RateLimiter disabled() {
        Clock clock = Clock.systemUTC();
        return new RateLimiter(List::of, new RateLimitCounters(clock, 1), clock, event -> { });
    }

    /** Checks and counts the call; publishes the decisions; throws the 429 on refusal. */
    public void admit(ProxyCall call) {
        RateLimitOutcome outcome = check(call.key().keyId(), call.metadata());
        for (RateLimitVerdict verdict : outcome.verdicts()) {
            sink.publish(decision(call, verdict));
        }
        RateLimitVerdict refusal = outcome.longestRefusal().orElse(null);
        if (refusal != null) {
            throw ProxyError.rateLimited(refusal.describe(), refusal.retryAfterSeconds());
        }
        call.countedIn(outcome.counted());
    }

    /** Charges a completed call's tokens to the token rules of the policies it was counted in. */
    public void settle(ProxyCall call, TokenUsage usage) {
        if (call.cacheHit()) {
            return; // answered from the cache: no model processed anything
        }
        settle(call.rateLimitCounters(), tokens(usage));
    }

    /** Input (including cache writes) and output tokens; cache reads do not count, as in Anthropic's own limits. */
    static long tokens(TokenUsage usage) {
        return usage.inputTokens() + usage.cacheCreationInputTokens() + usage.outputTokens();
    }

    RateLimitOutcome check(String keyId, Map<String, String> metadata) {
        List<RateLimitPolicyView> all = policies.get();
        if (all.isEmpty()) {
            return RateLimitOutcome.NO_POLICY;
        }
        List<RateLimitBucket> matched = new ArrayList<>(2);
        for (RateLimitPolicyView policy : all) {
            String value = policy.scope().valueOf(keyId, metadata);
            if (value != null && policy.matches(keyId, metadata)) {
                RateLimitBucket bucket = counters.bucket(new RateLimitCounterKey(policy, value));
                if (!matched.contains(bucket)) { // the same policy listed twice counts once
                    matched.add(bucket);
                }
            }
        }
        if (matched.isEmpty()) {
            return RateLimitOutcome.NO_POLICY;
        }
        matched.sort(Comparator.comparingLong(bucket -> bucket.order));
        RateLimitOutcome outcome = checkLocked(matched, clock.millis());
        matched.forEach(counters::touched);
        return outcome;
    }

    void settle(List<RateLimitCounterKey> counted, long tokens) {
        if (tokens <= 0) {
            return;
        }
        long now = clock.millis();
        for (RateLimitCounterKey key : counted) {
            if (key.policy().tokensPerMinute() != null) {
                // Looked up again: the bucket seen at admission may have been evicted during a long stream.
                RateLimitBucket bucket = counters.bucket(key);
                bucket.addTokens(now, tokens);
                counters.touched(bucket);
            }
        }
    }

    /** All buckets locked in creation order, so the request counts in all of them or none. */
    private static RateLimitOutcome checkLocked(List<RateLimitBucket> buckets, long now) {
        int locked = 0;
        try {
            for (RateLimitBucket bucket : buckets) {
                bucket.lock();
                locked++;
            }
            List<RateLimitVerdict> refusals = new ArrayList<>(1);
            for (RateLimitBucket bucket : buckets) {
                bucket.exhausted(now).stream()
                        .max(Comparator.comparingLong(RateLimitBucket.Exhausted::waitMillis))
                        .ifPresent(worst -> refusals.add(new RateLimitVerdict(bucket.key, false, worst.rule(), 0,
                                ceilSeconds(worst.waitMillis()))));
            }
            if (!refusals.isEmpty()) {
                return new RateLimitOutcome(refusals, List.of());
            }
            List<RateLimitVerdict> allowed = new ArrayList<>(buckets.size());
            List<RateLimitCounterKey> counted = new ArrayList<>(buckets.size());
            for (RateLimitBucket bucket : buckets) {
                bucket.countRequest(now);
                RateLimitBucket.Remaining tightest = bucket.tightest(now);
                allowed.add(new RateLimitVerdict(bucket.key, true, tightest.rule(), tightest.remaining(), 0));
                counted.add(bucket.key);
            }
            return new RateLimitOutcome(allowed, counted);
        } finally {
            for (int i = locked - 1; i >= 0; i--) {
                buckets.get(i).unlock();
            }
        }
    }

    private static long ceilSeconds(long millis) {
        return (millis + 999) / 1000;
    }

    private PolicyDecision decision(ProxyCall call, RateLimitVerdict verdict) {
        RateLimitPolicyView policy = verdict.counter().policy();
        Map<String, String> details = new HashMap<>();
        details.put("scope", policy.scope().wireName());
        details.put("scope_value", verdict.counter().scopeValue());
        details.put("limit", verdict.rule().name());
        details.put("limit_value", Long.toString(verdict.rule().limit()));
        details.put("remaining", Long.toString(verdict.remaining()));
        if (!verdict.allowed()) {
            details.put("retry_after_seconds", Long.toString(verdict.retryAfterSeconds()));
        }
        Map<String, String> metadata = call.metadata();
        return new PolicyDecision(PolicyDecision.SCHEMA_VERSION, clock.instant(), call.requestId(), call.traceId(),
                call.key().keyId(), metadata.get("tenant"), metadata.get("team"), metadata.get("user"),
                metadata.get("env"), PolicyDecision.RATE_LIMIT, policy.id(),
                verdict.allowed() ? "allow" : "refuse", verdict.describe(), details);
    }
}
