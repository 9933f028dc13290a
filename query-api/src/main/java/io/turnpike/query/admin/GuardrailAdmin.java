package io.turnpike.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.GuardrailView;
import io.turnpike.query.http.ApiError;
import io.turnpike.query.http.JsonExchange;
import io.undertow.server.HttpServerExchange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /v1/admin/guardrails}: {@code POST} creates a guardrail from its document (201, version 1) or redefines
 * the one its {@code id} names (200, next version); {@code GET} lists those in force, {@code GET /{id}} shows one,
 * {@code DELETE /{id}} retires one. {@code /v1/admin/tenants/{tenant}/guardrails}: {@code PUT
 * {"guardrails":[ids]}} replaces a tenant's mandatory guardrails, {@code GET} reads them. Errors name the
 * document field, e.g. {@code checks[0].type}.
 */
public final class GuardrailAdmin {
    private final Governance governance;

    public GuardrailAdmin(Governance governance) {
        this.governance = governance;
    }

    public void define(HttpServerExchange exchange, byte[] body) {
        ObjectNode json = JsonExchange.parseObject(body); // a clear 400 for a body that is not a JSON object at all
        JsonNode id = json.get("id");
        boolean existed = id != null && id.isTextual() && governance.guardrail(id.asText()).isPresent();
        GuardrailView view = governance.defineGuardrail(new String(body, StandardCharsets.UTF_8), Actors.of(exchange));
        JsonExchange.send(exchange, existed ? 200 : 201, json(view));
    }

    public void list(HttpServerExchange exchange, byte[] body) {
        ObjectNode response = JsonExchange.JSON.createObjectNode();
        ArrayNode data = response.putArray("data");
        governance.guardrails().forEach(guardrail -> data.add(json(guardrail)));
        JsonExchange.send(exchange, 200, response);
    }

    public void get(HttpServerExchange exchange, byte[] body) {
        JsonExchange.send(exchange, 200, json(find(JsonExchange.pathParam(exchange, "id"))));
    }

    public void retire(HttpServerExchange exchange, byte[] body) {
        GuardrailView retired = find(JsonExchange.pathParam(exchange, "id"));
        governance.retireGuardrail(retired.id(), Actors.of(exchange));
        ObjectNode response = json(retired);
        response.put("retired", true);
        JsonExchange.send(exchange, 200, response);
    }

    public void setTenantGuardrails(HttpServerExchange exchange, byte[] body) {
        String tenant = JsonExchange.pathParam(exchange, "tenant");
        List<String> ids = ids(JsonExchange.parseObject(body).get("guardrails"));
        JsonExchange.send(exchange, 200, tenantJson(tenant,
                governance.setTenantGuardrails(tenant, ids, Actors.of(exchange))));
    }

    public void tenantGuardrails(HttpServerExchange exchange, byte[] body) {
        String tenant = JsonExchange.pathParam(exchange, "tenant");
        JsonExchange.send(exchange, 200, tenantJson(tenant, governance.tenantGuardrails(tenant)));
    }

    private GuardrailView find(String id) {
        return governance.guardrail(id).orElseThrow(() -> ApiError.notFound("guardrail '" + id + "' not found"));
    }

    private static List<String> ids(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw ApiError.invalid("guardrails", "guardrails must be an array of guardrail ids");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw ApiError.invalid("guardrails[" + i + "]", "guardrails[" + i + "] must be a guardrail id");
            }
            ids.add(node.get(i).asText());
        }
        return ids;
    }

    private static ObjectNode tenantJson(String tenant, List<String> ids) {
        ObjectNode node = JsonExchange.JSON.createObjectNode();
        node.put("tenant", tenant);
        ArrayNode list = node.putArray("guardrails");
        ids.forEach(list::add);
        return node;
    }

    private static ObjectNode json(GuardrailView view) {
        ObjectNode node = JsonExchange.JSON.createObjectNode();
        node.put("id", view.id());
        node.put("name", view.document().name());
        node.put("version", view.version());
        node.set("document", view.document().toJson());
        node.put("defined_by", view.actor());
        node.put("defined_at", view.definedAt().toString());
        return node;
    }
}
