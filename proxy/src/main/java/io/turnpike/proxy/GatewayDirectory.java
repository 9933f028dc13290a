package io.turnpike.proxy;

import io.turnpike.events.metadata.MetadataSchema;

import java.util.List;
import java.util.Optional;

/**
 * What the proxy needs to know about keys, configs and providers. The launcher adapts the admin read models to
 * this port, so the proxy never depends on {@code aggregates}.
 *
 * <p>Called on Undertow IO threads for every request: implementations must answer from memory (a map or a
 * cache), never by blocking on a database or the network.
 */
public interface GatewayDirectory {

    /**
     * @param keyHash lowercase hex SHA-256 of the UTF-8 key string ({@link ApiKeyHash#of(String)})
     * @return the key, including revoked ones (so the proxy can say "revoked" rather than "invalid")
     */
    Optional<KeyGrant> keyByHash(String keyHash);

    /** The latest version of a routing config. */
    Optional<RoutingConfig> config(String configId);

    Optional<ProviderAccount> provider(String providerId);

    /**
     * Whether the tenant blocked this user; {@code user} arrives trimmed and lowercased and implementations compare
     * it that way. The default blocks nobody, so directories written before user blocks need not change.
     */
    default boolean isUserBlocked(String tenant, String user) {
        return false;
    }

    /** The tenant's metadata standard; the default has none (no validation, as before schemas existed). */
    default Optional<MetadataSchema> metadataSchema(String tenant) {
        return Optional.empty();
    }

    /**
     * Every rate-limit policy, from memory (called for every request). The default has none, so directories
     * written before rate limits need not change.
     */
    default List<RateLimitPolicyView> rateLimitPolicies() {
        return List.of();
    }

    /**
     * A guardrail in force by id, at its latest version; empty when unknown or retired (the proxy then refuses
     * the request: a guardrail it cannot find must not let content through). The default has none.
     */
    default Optional<GuardrailDefinition> guardrail(String guardrailId) {
        return Optional.empty();
    }

    /** The guardrail ids a tenant requires on every request (its baseline, which configs cannot remove). */
    default List<String> tenantGuardrails(String tenant) {
        return List.of();
    }

    /**
     * The status a served response carries when a {@code warn} guardrail flagged it: 200 (the default, with the
     * {@code x-turnpike-guardrail-verdict} header) or 246 for tenants that opted in to that convention.
     */
    default int guardrailWarnStatus(String tenant) {
        return 200;
    }
}
