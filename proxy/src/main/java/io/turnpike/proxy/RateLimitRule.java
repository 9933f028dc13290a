package io.turnpike.proxy;

import java.time.Duration;

/**
 * One limit of a policy: {@code limit} units per {@code period}. Request rules count one unit per admitted
 * request; token rules count tokens when the request completes and only refuse while already exhausted.
 */
public record RateLimitRule(String name, long limit, Duration period, boolean tokens) {
    static final String REQUESTS_PER_MINUTE = "requests_per_minute";
    static final String REQUESTS_PER_HOUR = "requests_per_hour";
    static final String REQUESTS_PER_DAY = "requests_per_day";
    static final String TOKENS_PER_MINUTE = "tokens_per_minute";

    /** For people: "5 requests per minute", "10000 tokens per minute". */
    public String describe() {
        String unit = tokens ? "tokens" : "requests";
        String per = switch (name) {
            case REQUESTS_PER_HOUR -> "hour";
            case REQUESTS_PER_DAY -> "day";
            default -> "minute";
        };
        return limit + " " + unit + " per " + per;
    }
}
