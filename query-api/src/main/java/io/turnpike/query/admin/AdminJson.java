package io.turnpike.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.aggregates.ConfigVersionView;
import io.turnpike.aggregates.ConfigView;
import io.turnpike.aggregates.KeyView;
import io.turnpike.aggregates.MetadataSchemaView;
import io.turnpike.aggregates.UserBlockView;
import io.turnpike.aggregates.ProviderView;
import io.turnpike.aggregates.SavedConfig;
import io.turnpike.query.http.ApiError;
import io.turnpike.query.http.JsonExchange;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        if (view.allowedModels() != null) {
            ArrayNode models = node.putArray("allowed_models");
            view.allowedModels().forEach(models::add);
        }
        if (view.expiresAt() != null) {
            node.put("expires_at", view.expiresAt().toString());
        }
        if (view.owner() != null) {
            node.put("owner", view.owner());
        }
        if (view.rotatedAt() != null) {
            node.put("rotated_at", view.rotatedAt().toString());
            node.put("previous_key_valid_until", view.previousKeyHashValidUntil().toString());
        }
        ArrayNode guardrails = node.putArray("guardrails");
        view.guardrailIds().forEach(guardrails::add);
        return node;
    }

    /** Absent: empty (leave as is); JSON null or {@code []}: none; else the guardrail ids, named by position. */
    static Optional<List<String>> optionalGuardrailIds(ObjectNode body, String field) {
        if (!body.has(field)) {
            return Optional.empty();
        }
        JsonNode node = body.get(field);
        return Optional.of(node.isNull() ? List.of() : guardrailIds(node, field));
    }

    /** An array of guardrail ids; anything else fails naming {@code field} or the item ({@code field[i]}). */
    static List<String> guardrailIds(JsonNode node, String field) {
        if (node == null || !node.isArray()) {
            throw ApiError.invalid(field, field + " must be an array of guardrail ids");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw ApiError.invalid(field + "[" + i + "]", field + "[" + i + "] must be a guardrail id");
            }
            ids.add(node.get(i).asText());
        }
        return ids;
    }

    /** Absent: empty (leave as is); JSON null: a present empty optional (clear); else the list of model ids. */
    static Optional<Optional<List<String>>> optionalModels(ObjectNode body, String field) {
        if (!body.has(field)) {
            return Optional.empty();
        }
        JsonNode node = body.get(field);
        if (node.isNull()) {
            return Optional.of(Optional.empty());
        }
        if (!node.isArray()) {
            throw ApiError.invalid(field, field + " must be an array of model ids, or null");
        }
        List<String> models = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw ApiError.invalid(field + "[" + i + "]", field + "[" + i + "] must be a string");
            }
            models.add(node.get(i).asText());
        }
        return Optional.of(Optional.of(models));
    }

    /** Absent: empty (leave as is); JSON null: a present empty optional (clear); else an ISO-8601 instant. */
    static Optional<Optional<Instant>> optionalInstant(ObjectNode body, String field) {
        if (!body.has(field)) {
            return Optional.empty();
        }
        JsonNode node = body.get(field);
        if (node.isNull()) {
            return Optional.of(Optional.empty());
        }
        try {
            return Optional.of(Optional.of(Instant.parse(node.asText())));
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, field + " must be an ISO-8601 instant such as 2027-01-31T00:00:00Z");
        }
    }

    static String optionalText(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.invalid(field, field + " must be a string");
        }
        return value.asText();
    }

    static ObjectNode userBlock(UserBlockView view) {
        ObjectNode node = JsonExchange.JSON.createObjectNode();
        node.put("tenant", view.tenant());
        node.put("user", view.user());
        node.put("blocked", true);
        if (view.reason() != null) {
            node.put("reason", view.reason());
        }
        node.put("actor", view.actor());
        node.put("blocked_at", view.blockedAt().toString());
        return node;
    }

    static ObjectNode metadataSchema(MetadataSchemaView view) {
        ObjectNode node = JsonExchange.JSON.createObjectNode();
        node.put("tenant", view.tenant());
        node.put("version", view.version());
        node.set("schema", view.schema().toJson());
        node.put("actor", view.actor());
        node.put("updated_at", view.updatedAt().toString());
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
