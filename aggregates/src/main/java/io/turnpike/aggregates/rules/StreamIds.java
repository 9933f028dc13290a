package io.turnpike.aggregates.rules;

/**
 * Axon's event table enforces one sequence per aggregate identifier across all aggregate types, so a provider and a
 * config both named "default" would collide. Each aggregate's identifier is therefore its id behind a type prefix.
 */
public final class StreamIds {
    private StreamIds() {
    }

    public static String provider(String providerId) {
        return "provider:" + providerId;
    }

    public static String config(String configId) {
        return "config:" + configId;
    }

    public static String key(String keyId) {
        return "key:" + keyId;
    }

    public static String budget(String budgetId) {
        return "budget:" + budgetId;
    }

    /** Tenant ids match {@link Rules#ID} (no '/'), so tenant and user cannot run into each other. */
    public static String userBlock(String tenant, String user) {
        return "userblock:" + tenant + "/" + Rules.normalisedUser(user);
    }

    public static String rateLimit(String policyId) {
        return "ratelimit:" + policyId;
    }

    public static String metadataSchema(String tenant) {
        return "metadataschema:" + tenant;
    }

    public static String guardrail(String guardrailId) {
        return "guardrail:" + guardrailId;
    }

    public static String tenantGuardrails(String tenant) {
        return "tenantguardrails:" + tenant;
    }

    /** There is one price book per installation. */
    public static String priceBook() {
        return "pricebook:default";
    }
}
