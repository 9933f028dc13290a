package io.turnpike.events.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Map;

/**
 * An upstream provider account was registered. {@code encryptedSecret} is the provider credential sealed with
 * the installation's master key (never the plain secret); {@code settings} holds non-secret options such as
 * {@code base_url}.
 */
public record ProviderRegistered(
        @JsonProperty("provider_id") String providerId,
        @JsonProperty("type") String type,
        @JsonProperty("settings") Map<String, String> settings,
        @JsonProperty("encrypted_secret") String encryptedSecret,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
