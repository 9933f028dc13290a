package io.turnpike.proxy.providers;

import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.wire.ProxyError;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The provider implementations by type; adding a provider type means adding one entry here. */
public final class Providers {
    private final Map<String, Provider> byType = new LinkedHashMap<>();

    public Providers(Provider... providers) {
        for (Provider provider : providers) {
            if (byType.put(provider.type(), provider) != null) {
                throw new IllegalArgumentException("two providers for type " + provider.type());
            }
        }
    }

    public Provider forAccount(ProviderAccount account) {
        String type = account.type().toLowerCase(Locale.ROOT);
        Provider provider = byType.get(type);
        if (provider == null) {
            throw ProxyError.api("provider \"" + account.id() + "\" has type \"" + type
                    + "\", which this proxy does not support (supported: " + String.join(", ", byType.keySet()) + ")");
        }
        return provider;
    }
}
