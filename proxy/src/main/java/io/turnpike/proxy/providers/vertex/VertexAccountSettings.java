package io.turnpike.proxy.providers.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.wire.ProxyError;

import java.io.IOException;

/**
 * A {@code vertex} provider account read from its {@link ProviderAccount}: settings {@code project_id},
 * {@code region} (both required) and {@code endpoint_url} (optional host override); the secret, when present, a
 * JSON object whose {@code service_account_json} is the whole service-account key (as a string, or inline as an
 * object). Without a service account the proxy uses Google application default credentials. Messages name the
 * account and the field, never secret content.
 *
 * @param serviceAccountJson the key JSON, or null for application default credentials
 */
record VertexAccountSettings(VertexEndpoint endpoint, String serviceAccountJson) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws ProxyError 500 {@code api_error} naming the misconfigured field */
    static VertexAccountSettings of(ProviderAccount account) {
        String projectId = account.settings().get("project_id");
        String region = account.settings().get("region");
        if (projectId == null || projectId.isBlank()) {
            throw misconfigured(account, "settings.project_id is required");
        }
        if (region == null || region.isBlank()) {
            throw misconfigured(account, "settings.region is required");
        }
        VertexEndpoint endpoint;
        try {
            endpoint = VertexEndpoint.of(projectId.trim(), region.trim(), account.settings().get("endpoint_url"));
        } catch (IllegalArgumentException e) {
            throw misconfigured(account, "settings." + e.getMessage());
        }
        return new VertexAccountSettings(endpoint, serviceAccountJson(account));
    }

    private static String serviceAccountJson(ProviderAccount account) {
        String secret = account.secret();
        if (secret == null || secret.isBlank()) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(secret);
        } catch (IOException e) {
            throw misconfigured(account, "the secret is not a JSON object");
        }
        if (root == null || !root.isObject()) {
            throw misconfigured(account, "the secret is not a JSON object");
        }
        JsonNode key = root.get("service_account_json");
        if (key == null || key.isNull()) {
            return null;
        }
        if (key.isTextual() && !key.asText().isBlank()) {
            return key.asText();
        }
        if (key.isObject()) {
            return key.toString();
        }
        throw misconfigured(account, "secret.service_account_json must be the service-account key JSON");
    }

    private static ProxyError misconfigured(ProviderAccount account, String problem) {
        return ProxyError.api("vertex provider \"" + account.id() + "\" is misconfigured: " + problem);
    }
}
