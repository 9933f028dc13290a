package io.turnpike.proxy;

import java.util.Locale;
import java.util.Map;

/**
 * What a rate-limit policy counts per: each distinct value of the dimension (each key id, user, team or tenant)
 * gets its own counters. {@code user}, {@code team} and {@code tenant} come from the request's effective metadata.
 */
public enum RateLimitScope {
    KEY, USER, TEAM, TENANT;

    /** The lowercase name used in policies and events ({@code key}, {@code user}, {@code team}, {@code tenant}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RateLimitScope parse(String wireName) {
        for (RateLimitScope scope : values()) {
            if (scope.wireName().equals(wireName)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("scope must be one of key, user, team, tenant, not \"" + wireName + "\"");
    }

    /** The request's value of this dimension; null when the request has none (the policy then does not apply). */
    public String valueOf(String keyId, Map<String, String> metadata) {
        String value = this == KEY ? keyId : metadata.get(wireName());
        return value == null || value.isEmpty() ? null : value;
    }
}
