package io.turnpike.proxy.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.wire.ProxyError;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/**
 * A {@code bedrock} provider account's configuration, read from {@link ProviderAccount}: {@code settings} hold
 * {@code region} (required), {@code aws_access_key_id}, {@code auth} ({@code sigv4} default, or {@code api_key})
 * and {@code endpoint_url}; the secret, when present, is a JSON object with {@code aws_secret_access_key},
 * {@code aws_session_token} and {@code api_key}. Invalid configuration is the operator's problem, answered as a
 * 500 {@code api_error} naming the provider and the field, never the secret.
 */
record BedrockAccount(String providerId, String region, URI endpoint, Auth auth, String accessKeyId,
                      String secretAccessKey, String sessionToken, String apiKey) {
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Auth {
        /** Static keys when given, else the AWS default credentials chain. */
        SIGV4,
        /** A Bedrock API key sent as {@code Authorization: Bearer}; no signature. */
        API_KEY
    }

    boolean hasStaticKeys() {
        return accessKeyId != null;
    }

    static BedrockAccount of(ProviderAccount account) {
        String id = account.id();
        String region = trimmed(account.settings().get("region"));
        if (region == null) {
            throw misconfigured(id, "settings.region is required");
        }
        if (!region.matches("[a-z0-9-]+")) {
            throw misconfigured(id, "settings.region \"" + region + "\" is not an AWS region name");
        }
        URI endpoint = endpoint(id, region, trimmed(account.settings().get("endpoint_url")));
        Auth auth = auth(id, trimmed(account.settings().get("auth")));
        JsonNode secret = secret(id, account.secret());
        String accessKeyId = trimmed(account.settings().get("aws_access_key_id"));
        String secretAccessKey = text(secret, "aws_secret_access_key");
        String sessionToken = text(secret, "aws_session_token");
        String apiKey = text(secret, "api_key");
        if (auth == Auth.API_KEY) {
            if (apiKey == null) {
                throw misconfigured(id, "auth is api_key but the secret has no \"api_key\"");
            }
            return new BedrockAccount(id, region, endpoint, auth, null, null, null, apiKey);
        }
        if (accessKeyId != null && secretAccessKey == null) {
            throw misconfigured(id, "settings.aws_access_key_id is set but the secret has no \"aws_secret_access_key\"");
        }
        if (accessKeyId == null && secretAccessKey != null) {
            throw misconfigured(id, "the secret has \"aws_secret_access_key\" but settings.aws_access_key_id is missing");
        }
        if (accessKeyId == null && sessionToken != null) {
            throw misconfigured(id, "the secret has \"aws_session_token\" but no static keys to go with it");
        }
        return new BedrockAccount(id, region, endpoint, auth, accessKeyId, secretAccessKey, sessionToken, null);
    }

    private static URI endpoint(String id, String region, String override) {
        String url = override != null ? override : "https://bedrock-runtime." + region + ".amazonaws.com";
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw misconfigured(id, "settings.endpoint_url is not a URL");
        }
        if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme())
                || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw misconfigured(id, "settings.endpoint_url must be an http(s) URL with a host");
        }
        return uri;
    }

    private static Auth auth(String id, String value) {
        if (value == null) {
            return Auth.SIGV4;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "sigv4" -> Auth.SIGV4;
            case "api_key" -> Auth.API_KEY;
            default -> throw misconfigured(id, "settings.auth must be \"sigv4\" or \"api_key\", not \"" + value + "\"");
        };
    }

    private static JsonNode secret(String id, String secret) {
        if (secret == null || secret.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(secret);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // fall through: the message must not quote the secret
        }
        throw misconfigured(id, "the secret must be a JSON object (aws_secret_access_key, aws_session_token, api_key)");
    }

    private static String text(JsonNode secret, String field) {
        if (secret == null) {
            return null;
        }
        JsonNode value = secret.get(field);
        return value != null && value.isTextual() ? trimmed(value.asText()) : null;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static ProxyError misconfigured(String id, String problem) {
        return ProxyError.api("bedrock provider \"" + id + "\" is misconfigured: " + problem);
    }

    @Override
    public String toString() {
        return "BedrockAccount[" + providerId + ", " + region + ", " + endpoint + ", " + auth + "]";
    }
}
