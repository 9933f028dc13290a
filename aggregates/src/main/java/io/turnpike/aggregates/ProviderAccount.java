package io.turnpike.aggregates;

import java.util.Map;

/**
 * A provider with its decrypted credential, for the proxy's upstream calls only. Never serialize or log it;
 * {@link #toString()} masks the secret for that reason.
 */
public record ProviderAccount(String id, String type, Map<String, String> settings, String secret) {
    @Override
    public String toString() {
        return "ProviderAccount[id=" + id + ", type=" + type + ", settings=" + settings
                + ", secret=" + (secret == null ? "none" : "***") + "]";
    }
}
