package io.turnpike.aggregates;

import java.time.Instant;
import java.util.Map;

/** A rate-limit policy as last defined: who defined it and when; null limits are not enforced. */
public record RateLimitView(String id, String scope, Map<String, String> match, Long requestsPerMinute,
                            Long requestsPerHour, Long requestsPerDay, Long tokensPerMinute, String actor,
                            Instant definedAt) {
}
