package io.turnpike.proxy.auth;

import io.turnpike.events.metadata.MetadataSchema;
import io.turnpike.events.policy.PolicyDecision;
import io.turnpike.proxy.GatewayDirectory;
import io.turnpike.proxy.KeyGrant;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.wire.ProxyError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Effective metadata under the tenant's standard. The key's bound fields always win; a header that tries to change
 * one is recorded ({@code override_attempted}) and, when the schema says {@code refuse}, refused with 403. With a
 * schema, missing required fields are refused with 400 listing them (or filled with {@code key:<key id>} under
 * {@code default_from_key}), and values breaking a rule are refused with 400 naming each field. The tenant is the
 * one the key binds; a key without a bound tenant, or a tenant without a schema, gets no validation.
 */
final class MetadataEnforcement {
    static final String OVERRIDE_ATTEMPTED = "override_attempted";

    private final GatewayDirectory directory;
    private final AccessDecisions decisions;

    MetadataEnforcement(GatewayDirectory directory, AccessDecisions decisions) {
        this.directory = directory;
        this.decisions = decisions;
    }

    /** @throws ProxyError 403 for a refused override, 400 for missing or invalid fields */
    Map<String, String> effective(ProxyCall call, KeyGrant key, Map<String, String> fromHeader) {
        Map<String, String> effective = MetadataHeader.effective(fromHeader, key.metadata());
        String tenant = key.metadata().get("tenant");
        Optional<MetadataSchema> schema = tenant == null ? Optional.empty() : directory.metadataSchema(tenant);
        boolean refuseOverrides = schema.map(s -> s.onOverride() == MetadataSchema.OnOverride.REFUSE).orElse(false);
        String policyId = tenant == null ? key.keyId() : tenant;
        for (Map.Entry<String, String> claimed : fromHeader.entrySet()) {
            String enforced = key.metadata().get(claimed.getKey());
            if (enforced != null && !enforced.equals(claimed.getValue())) {
                // The value a person typed is metadata, not a secret: kept so the audit shows who tried what.
                decisions.publish(call, key, effective, PolicyDecision.METADATA, policyId, OVERRIDE_ATTEMPTED,
                        "the metadata header tried to change \"" + claimed.getKey() + "\", which the key enforces",
                        Map.of("field", claimed.getKey(), "attempted_value", claimed.getValue(),
                                "enforced_value", enforced, "action", refuseOverrides ? "refuse" : "enforce"));
                if (refuseOverrides) {
                    throw ProxyError.permission("metadata field \"" + claimed.getKey() + "\" is set by this API key"
                            + " and cannot be changed by the metadata header");
                }
            }
        }
        return schema.isEmpty() ? effective : conforming(call, key, effective, schema.get(), tenant);
    }

    private Map<String, String> conforming(ProxyCall call, KeyGrant key, Map<String, String> effective,
                                           MetadataSchema schema, String tenant) {
        List<String> violations = schema.violations(effective);
        if (!violations.isEmpty()) {
            refuse(call, key, effective, tenant, Map.of("problem", "invalid", "violations", String.join("; ", violations)));
            throw ProxyError.invalidRequest("metadata does not meet tenant \"" + tenant + "\"'s standard: "
                    + String.join("; ", violations));
        }
        List<String> missing = schema.missing(effective);
        if (missing.isEmpty()) {
            return effective;
        }
        if (schema.onMissing() == MetadataSchema.OnMissing.REJECT) {
            refuse(call, key, effective, tenant, Map.of("problem", "missing", "fields", String.join(",", missing)));
            throw ProxyError.invalidRequest("metadata is missing required fields: " + String.join(", ", missing)
                    + " (send them in the " + MetadataHeader.NAME + " header)");
        }
        Map<String, String> filled = new LinkedHashMap<>(effective);
        missing.forEach(field -> filled.put(field, "key:" + key.keyId()));
        decisions.publish(call, key, filled, PolicyDecision.METADATA, tenant, "default",
                "required fields missing; attributed to the key", Map.of("fields", String.join(",", missing)));
        return Map.copyOf(filled);
    }

    private void refuse(ProxyCall call, KeyGrant key, Map<String, String> effective, String tenant,
                        Map<String, String> details) {
        decisions.publish(call, key, effective, PolicyDecision.METADATA, tenant, "refuse",
                "metadata does not meet the tenant's standard", details);
    }
}
