package io.turnpike.aggregates;

/**
 * Axon's event table enforces one sequence per aggregate identifier across all aggregate types, so a provider and a
 * config both named "default" would collide. Each aggregate's identifier is therefore its id behind a type prefix.
 */
final class StreamIds {
    private StreamIds() {
    }

    static String provider(String providerId) {
        return "provider:" + providerId;
    }

    static String config(String configId) {
        return "config:" + configId;
    }

    static String key(String keyId) {
        return "key:" + keyId;
    }

    static String budget(String budgetId) {
        return "budget:" + budgetId;
    }

    /** Tenant ids match {@link Rules#ID} (no '/'), so tenant and user cannot run into each other. */
    static String userBlock(String tenant, String user) {
        return "userblock:" + tenant + "/" + Rules.normalisedUser(user);
    }

    static String rateLimit(String policyId) {
        return "ratelimit:" + policyId;
    }

    static String metadataSchema(String tenant) {
        return "metadataschema:" + tenant;
    }

    static String guardrail(String guardrailId) {
        return "guardrail:" + guardrailId;
    }

    static String tenantGuardrails(String tenant) {
        return "tenantguardrails:" + tenant;
    }

    /** There is one price book per installation. */
    static String priceBook() {
        return "pricebook:default";
    }
}
