package io.turnpike.launcher;

import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.MetadataSchemaView;
import io.turnpike.events.metadata.MetadataSchema;
import io.turnpike.proxy.GatewayDirectory;
import io.turnpike.proxy.GuardrailDefinition;
import io.turnpike.proxy.KeyGrant;
import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.RateLimitPolicyView;
import io.turnpike.proxy.RoutingConfig;

import java.util.List;
import java.util.Optional;

/** Serves the proxy's directory port from the aggregates' read model (same JVM: read-your-writes). */
final class DirectoryAdapter implements GatewayDirectory {
    private final Governance governance;
    private final RateLimitPolicySource rateLimits;

    DirectoryAdapter(Governance governance) {
        this.governance = governance;
        this.rateLimits = new RateLimitPolicySource(governance);
    }

    @Override
    public List<RateLimitPolicyView> rateLimitPolicies() {
        return rateLimits.policies();
    }

    /**
     * Both the current hash and, after a rotation, the previous one find the key; the grant for the previous one
     * carries the end of its grace period, which the proxy compares with its clock.
     */
    @Override
    public Optional<KeyGrant> keyByHash(String keyHash) {
        return governance.keyByHash(keyHash)
                .map(k -> new KeyGrant(k.id(), k.name(), k.configId(), k.metadata(), k.revoked(),
                        k.configOverrideAllowed(), k.expiresAt(), k.allowedModels(),
                        k.isCurrentHash(keyHash) ? null : k.previousKeyHashValidUntil(), k.guardrailIds()));
    }

    @Override
    public boolean isUserBlocked(String tenant, String user) {
        return governance.isUserBlocked(tenant, user);
    }

    @Override
    public Optional<GuardrailDefinition> guardrail(String guardrailId) {
        return governance.guardrail(guardrailId).map(view -> new GuardrailDefinition(view.document(), view.version()));
    }

    @Override
    public List<String> tenantGuardrails(String tenant) {
        return governance.tenantGuardrails(tenant);
    }

    @Override
    public int guardrailWarnStatus(String tenant) {
        return governance.guardrailWarnStatus(tenant);
    }

    @Override
    public Optional<MetadataSchema> metadataSchema(String tenant) {
        return governance.metadataSchema(tenant).map(MetadataSchemaView::schema);
    }

    @Override
    public Optional<RoutingConfig> config(String configId) {
        return governance.config(configId).map(c -> new RoutingConfig(c.id(), c.version(), c.document()));
    }

    @Override
    public Optional<ProviderAccount> provider(String providerId) {
        return governance.provider(providerId)
                .map(p -> new ProviderAccount(p.id(), p.type(), p.settings(), p.secret()));
    }
}
