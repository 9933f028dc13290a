package io.turnpike.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.aggregates.ConfigVersionView;
import io.turnpike.aggregates.ConfigView;
import io.turnpike.aggregates.KeyView;
import io.turnpike.aggregates.ProviderView;
import io.turnpike.aggregates.SavedConfig;
import io.turnpike.query.http.ApiError;
import io.turnpike.query.http.JsonExchange;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON shapes of the admin resources. Secrets and key hashes never leave through here. */
final class AdminJson {
    private AdminJson() {
    }

    static ObjectNode provider(ProviderView view) {
        ObjectNode node = JsonExchange.JSON.createObjectNode();
        node.put("id", view.id());
        node.put("type", view.type());
        view.settings().forEach(node::put);
        node.put("has_secret", view.hasSecret());
        node.put("created_at", view.createdAt().toString());
        return node;
    }

    static ObjectNode config(ConfigView view) {
        ObjectNode node = JsonExchange.JSON.createObjectNode();
        node.put("id", view.id());
        node.put("version", view.version());
        node.set("config", document(view.id(), view.document()));
        node.put("updated_at", view.updatedAt().toString());
        return node;
    }

    /** A config just written: the config plus {@code warnings} (always present, empty when none). */
    static ObjectNode saved(SavedConfig saved) {
        ObjectNode node = config(saved.config());
        ArrayNode warnings = node.putArray("warnings");
        saved.warnings().forEach(warnings::add);
        return node;
    }

    static ObjectNode configVersion(ConfigVersionView view) {
        ObjectNode node = JsonExchange.JSON.createObjectNode();
        node.put("id", view.configId());
        node.put("version", view.version());
        node.set("config", document(view.configId(), view.document()));
        node.put("actor", view.actor());
        node.put("created_at", view.createdAt().toString());
        if (view.restoredVersion() != null) {
            node.put("restored_version", view.restoredVersion());
        }
        return node;
    }

    private static JsonNode document(String configId, String document) {
        try {
            return JsonExchange.JSON.readTree(document);
        } catch (IOException e) {
            throw new IllegalStateException("stored config " + configId + " is not JSON", e);
        }
    }

    static ObjectNode key(KeyView view) {
        ObjectNode node = JsonExchange.JSON.createObjectNode();
        node.put("id", view.id());
        node.put("name", view.name());
        node.put("key_prefix", view.keyPrefix());
        node.put("config", view.configId());
        ObjectNode metadata = node.putObject("metadata");
        view.metadata().forEach(metadata::put);
        node.put("allow_config_override", view.configOverrideAllowed());
        node.put("revoked", view.revoked());
        node.put("created_at", view.createdAt().toString());
        if (view.revokedAt() != null) {
            node.put("revoked_at", view.revokedAt().toString());
        }
        return node;
    }

    static String requiredText(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw ApiError.invalid(field, field + " is required");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ApiError.invalid(field, field + " must be a non-empty string");
        }
        return value.asText();
    }

    static boolean optionalBoolean(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ApiError.invalid(field, field + " must be true or false");
        }
        return value.asBoolean();
    }

    static Map<String, String> stringMap(JsonNode node, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw ApiError.invalid(field, field + " must be a JSON object of string values");
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw ApiError.invalid(field + "." + e.getKey(), field + "." + e.getKey() + " must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }
}
