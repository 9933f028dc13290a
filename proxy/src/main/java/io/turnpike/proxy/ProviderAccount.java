package io.turnpike.proxy;

import java.util.Map;
import java.util.Objects;

/**
 * A registered upstream account.
 *
 * @param type     {@code mock} or {@code anthropic}
 * @param settings e.g. {@code base_url} (default {@code https://api.anthropic.com})
 * @param secret   the upstream API key; nullable (the mock needs none). Never logged.
 */
public record ProviderAccount(String id, String type, Map<String, String> settings, String secret) {
    public ProviderAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    @Override
    public String toString() {
        return "ProviderAccount[id=" + id + ", type=" + type + ", settings=" + settings + ", secret="
                + (secret == null ? "none" : "***") + "]";
    }
}
