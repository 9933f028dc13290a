package io.turnpike.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.query.http.ApiError;
import io.turnpike.query.http.JsonExchange;

import java.util.List;
import java.util.Map;

/**
 * Which fields of a provider registration are credentials, per provider type. They are pulled out of the
 * settings and handed to the aggregate as the one secret it seals: the bare key for {@code anthropic}, a JSON
 * object of the present fields for the others (the proxy's providers read the same shape).
 */
final class ProviderSecrets {
    private static final Map<String, List<String>> FIELDS = Map.of(
            "anthropic", List.of("api_key"),
            "bedrock", List.of("aws_secret_access_key", "aws_session_token", "api_key"),
            "vertex", List.of("service_account_json"));

    private ProviderSecrets() {
    }

    static boolean isSecret(String type, String field) {
        return FIELDS.getOrDefault(type, List.of("api_key")).contains(field);
    }

    /** The secret to seal, or null when the registration carries none. */
    static String seal(String type, ObjectNode registration) {
        List<String> fields = FIELDS.getOrDefault(type, List.of("api_key"));
        if (type.equals("anthropic")) {
            JsonNode key = registration.get("api_key");
            return key == null || key.isNull() ? null : text(key, "api_key");
        }
        ObjectNode secret = JsonExchange.JSON.createObjectNode();
        for (String field : fields) {
            JsonNode value = registration.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            // A service-account key may be pasted as the JSON object itself or as its string form.
            secret.put(field, value.isObject() && field.equals("service_account_json") ? value.toString()
                    : text(value, field));
        }
        return secret.isEmpty() ? null : secret.toString();
    }

    private static String text(JsonNode value, String field) {
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ApiError.invalid(field, field + " must be a non-empty string");
        }
        return value.asText();
    }
}
