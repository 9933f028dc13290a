package io.turnpike.proxy;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How hard to try one target: the Portkey {@code retry} block ({@code attempts} = retries after the first try,
 * default 0; {@code on_status_codes}, default 429/500/502/503/504; {@code use_retry_after_header}, default false)
 * and {@code request_timeout} (ms until the upstream's response headers; none by default). Each field is
 * inherited down the config tree, the nearest node that sets it wins.
 *
 * <p>Reads the raw config JSON for now; the parsed config model ({@code io.turnpike.events.config}) will feed
 * this instead. Invalid values throw {@link IllegalArgumentException} naming the field.
 */
record AttemptPolicy(int retries, Set<Integer> retryOnStatus, boolean useRetryAfterHeader, Duration requestTimeout) {

    static final Set<Integer> DEFAULT_RETRY_ON_STATUS = Set.of(429, 500, 502, 503, 504);
    static final AttemptPolicy NONE = new AttemptPolicy(0, DEFAULT_RETRY_ON_STATUS, false, null);

    AttemptPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("\"retry.attempts\" must not be negative");
        }
        retryOnStatus = Set.copyOf(retryOnStatus);
        if (requestTimeout != null && (requestTimeout.isNegative() || requestTimeout.isZero())) {
            throw new IllegalArgumentException("\"request_timeout\" must be a positive number of milliseconds");
        }
    }

    /** The policy of the last node in {@code rootToTarget} (the config root first, the chosen target last). */
    static AttemptPolicy inherited(List<JsonNode> rootToTarget) {
        AttemptPolicy policy = NONE;
        for (JsonNode node : rootToTarget) {
            policy = policy.overriddenBy(node);
        }
        return policy;
    }

    boolean retriesOn(int status) {
        return status / 100 != 2 && retryOnStatus.contains(status);
    }

    private AttemptPolicy overriddenBy(JsonNode node) {
        int newRetries = retries;
        Set<Integer> newStatuses = retryOnStatus;
        boolean newRetryAfter = useRetryAfterHeader;
        Duration newTimeout = requestTimeout;
        JsonNode retry = node.get("retry");
        if (retry != null && !retry.isNull()) {
            if (!retry.isObject()) {
                throw new IllegalArgumentException("\"retry\" must be an object");
            }
            if (retry.has("attempts")) {
                newRetries = wholeNumber(retry.get("attempts"), "retry.attempts");
            }
            if (retry.has("on_status_codes")) {
                newStatuses = statuses(retry.get("on_status_codes"));
            }
            if (retry.has("use_retry_after_header")) {
                if (!retry.get("use_retry_after_header").isBoolean()) {
                    throw new IllegalArgumentException("\"retry.use_retry_after_header\" must be true or false");
                }
                newRetryAfter = retry.get("use_retry_after_header").asBoolean();
            }
        }
        JsonNode timeout = node.get("request_timeout");
        if (timeout != null && !timeout.isNull()) {
            newTimeout = Duration.ofMillis(wholeNumber(timeout, "request_timeout"));
        }
        return new AttemptPolicy(newRetries, newStatuses, newRetryAfter, newTimeout);
    }

    private static int wholeNumber(JsonNode value, String field) {
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a whole number");
        }
        return value.asInt();
    }

    private static Set<Integer> statuses(JsonNode codes) {
        if (!codes.isArray()) {
            throw new IllegalArgumentException("\"retry.on_status_codes\" must be an array of HTTP status codes");
        }
        Set<Integer> statuses = new LinkedHashSet<>();
        for (JsonNode code : codes) {
            if (!code.isIntegralNumber() || code.asInt() < 100 || code.asInt() > 599) {
                throw new IllegalArgumentException("\"retry.on_status_codes\" must hold HTTP status codes (100–599)");
            }
            statuses.add(code.asInt());
        }
        return statuses;
    }
}
