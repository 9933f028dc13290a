package io.turnpike.launcher;

import io.turnpike.aggregates.Governance;
import io.turnpike.proxy.GatewayDirectory;
import io.turnpike.proxy.KeyGrant;
import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.RoutingConfig;

import java.util.Optional;

/** Serves the proxy's directory port from the aggregates' read model (same JVM: read-your-writes). */
final class DirectoryAdapter implements GatewayDirectory {
    private final Governance governance;

    DirectoryAdapter(Governance governance) {
        this.governance = governance;
    }

    @Override
    public Optional<KeyGrant> keyByHash(String keyHash) {
        return governance.keyByHash(keyHash)
                .map(k -> new KeyGrant(k.id(), k.name(), k.configId(), k.metadata(), k.revoked(),
                        k.configOverrideAllowed()));
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
