package io.turnpike.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.IssuedKey;
import io.turnpike.aggregates.KeyView;
import io.turnpike.aggregates.NotFoundException;
import io.turnpike.query.http.ApiError;
import io.turnpike.query.http.JsonExchange;
import io.undertow.server.HttpServerExchange;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v1/admin/keys}: issue {@code {"name","config","metadata","allow_config_override","allowed_models",
 * "expires_at","guardrails"}} → 201 with the key material, shown this once; {@code GET /{id}} one key;
 * {@code DELETE /{id}} revokes; {@code POST /{id}/rotate} {@code {"grace_period_seconds"}} → new material, shown
 * once; {@code PATCH /{id}} changes {@code allowed_models}, {@code expires_at} and/or {@code guardrails} (the list
 * replaced; null or [] clears, absent keeps).
 */
public final class KeyAdmin {
    private static final List<String> PATCHABLE = List.of("allowed_models", "expires_at", "guardrails");
    private final Governance governance;

    public KeyAdmin(Governance governance) {
        this.governance = governance;
    }

    public void issue(HttpServerExchange exchange, byte[] body) {
        ObjectNode json = JsonExchange.parseObject(body);
        String name = AdminJson.requiredText(json, "name");
        String config = AdminJson.requiredText(json, "config");
        IssuedKey issued = governance.issueKey(name, config, AdminJson.stringMap(json.get("metadata"), "metadata"),
                AdminJson.optionalBoolean(json, "allow_config_override"),
                AdminJson.optionalModels(json, "allowed_models").flatMap(m -> m).orElse(null),
                AdminJson.optionalInstant(json, "expires_at").flatMap(i -> i).orElse(null),
                AdminJson.optionalGuardrailIds(json, "guardrails").orElse(List.of()), Actors.of(exchange));
        ObjectNode response = AdminJson.key(issued.view());
        response.put("key", issued.key());
        JsonExchange.send(exchange, 201, response);
    }

    public void revoke(HttpServerExchange exchange, byte[] body) {
        String id = JsonExchange.pathParam(exchange, "id");
        governance.revokeKey(id, Actors.of(exchange));
        JsonExchange.send(exchange, 200, AdminJson.key(governance.key(id).orElseThrow()));
    }

    public void get(HttpServerExchange exchange, byte[] body) {
        String id = JsonExchange.pathParam(exchange, "id");
        KeyView key = governance.key(id).orElseThrow(() -> new NotFoundException("key '" + id + "' not found"));
        JsonExchange.send(exchange, 200, AdminJson.key(key));
    }

    public void rotate(HttpServerExchange exchange, byte[] body) {
        String id = JsonExchange.pathParam(exchange, "id");
        Duration grace = null;
        if (body.length > 0) {
            JsonNode seconds = JsonExchange.parseObject(body).get("grace_period_seconds");
            if (seconds != null && !seconds.isNull()) {
                if (!seconds.canConvertToLong() || !seconds.isIntegralNumber()) {
                    throw ApiError.invalid("grace_period_seconds", "grace_period_seconds must be a whole number");
                }
                grace = Duration.ofSeconds(seconds.asLong());
            }
        }
        IssuedKey rotated = governance.rotateKey(id, grace, Actors.of(exchange));
        ObjectNode response = AdminJson.key(rotated.view());
        response.put("key", rotated.key());
        JsonExchange.send(exchange, 200, response);
    }

    /** Only the fields present change; the merged limits are stored as a whole. */
    public void update(HttpServerExchange exchange, byte[] body) {
        String id = JsonExchange.pathParam(exchange, "id");
        ObjectNode json = JsonExchange.parseObject(body);
        for (var names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PATCHABLE.contains(name)) {
                throw ApiError.invalid(name, name + " cannot be changed; PATCH accepts " + String.join(", ", PATCHABLE));
            }
        }
        KeyView current = governance.key(id).orElseThrow(() -> new NotFoundException("key '" + id + "' not found"));
        List<String> models = AdminJson.optionalModels(json, "allowed_models")
                .orElse(Optional.ofNullable(current.allowedModels())).orElse(null);
        Instant expiresAt = AdminJson.optionalInstant(json, "expires_at")
                .orElse(Optional.ofNullable(current.expiresAt())).orElse(null);
        List<String> guardrails = AdminJson.optionalGuardrailIds(json, "guardrails").orElse(current.guardrailIds());
        JsonExchange.send(exchange, 200, AdminJson.key(governance.updateKeyLimits(id, models, expiresAt, guardrails,
                Actors.of(exchange))));
    }

    public void list(HttpServerExchange exchange, byte[] body) {
        ObjectNode response = JsonExchange.JSON.createObjectNode();
        ArrayNode data = response.putArray("data");
        governance.keys().forEach(k -> data.add(AdminJson.key(k)));
        JsonExchange.send(exchange, 200, response);
    }
}
