package io.turnpike.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One rate-limit policy as the proxy sees it.
 *
 * @param scope  the dimension counted: every distinct value (key id, user, team, tenant) has its own counters
 * @param match  conditions a request must meet for the policy to apply: field → exact value, where the field is
 *               {@code key} (the key id) or a metadata field ({@code team}, {@code env}, …); empty = every request
 * @param requestsPerMinute null when that limit is not set; likewise the others. At least one is set.
 * @param tokensPerMinute   input + cache-write + output tokens, counted when a request completes
 */
public record RateLimitPolicyView(String id, RateLimitScope scope, Map<String, String> match, Long requestsPerMinute,
                                  Long requestsPerHour, Long requestsPerDay, Long tokensPerMinute) {
    /** The largest limit accepted: keeps the counters' fixed-point arithmetic far from overflow. */
    public static final long MAX_LIMIT = 1_000_000_000L;

    public RateLimitPolicyView {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id is required");
        }
        Objects.requireNonNull(scope, "scope");
        match = match == null ? Map.of() : Map.copyOf(match);
        check("requests_per_minute", requestsPerMinute);
        check("requests_per_hour", requestsPerHour);
        check("requests_per_day", requestsPerDay);
        check("tokens_per_minute", tokensPerMinute);
        if (requestsPerMinute == null && requestsPerHour == null && requestsPerDay == null && tokensPerMinute == null) {
            throw new IllegalArgumentException("rate limit " + id + " sets no limit");
        }
    }

    private static void check(String name, Long value) {
        if (value != null && (value < 1 || value > MAX_LIMIT)) {
            throw new IllegalArgumentException(name + " must be between 1 and " + MAX_LIMIT + ", not " + value);
        }
    }

    /** Whether every {@code match} condition holds for this request. */
    public boolean matches(String keyId, Map<String, String> metadata) {
        for (Map.Entry<String, String> condition : match.entrySet()) {
            String actual = "key".equals(condition.getKey()) ? keyId : metadata.get(condition.getKey());
            if (!condition.getValue().equals(actual)) {
                return false;
            }
        }
        return true;
    }

    /** The limits that are set, request limits first. */
    public List<RateLimitRule> rules() {
        List<RateLimitRule> rules = new ArrayList<>(4);
        if (requestsPerMinute != null) {
            rules.add(new RateLimitRule(RateLimitRule.REQUESTS_PER_MINUTE, requestsPerMinute, Duration.ofMinutes(1), false));
        }
        if (requestsPerHour != null) {
            rules.add(new RateLimitRule(RateLimitRule.REQUESTS_PER_HOUR, requestsPerHour, Duration.ofHours(1), false));
        }
        if (requestsPerDay != null) {
            rules.add(new RateLimitRule(RateLimitRule.REQUESTS_PER_DAY, requestsPerDay, Duration.ofDays(1), false));
        }
        if (tokensPerMinute != null) {
            rules.add(new RateLimitRule(RateLimitRule.TOKENS_PER_MINUTE, tokensPerMinute, Duration.ofMinutes(1), true));
        }
        return rules;
    }
}
