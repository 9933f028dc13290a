package io.turnpike.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.GuardrailView;
import io.turnpike.aggregates.TenantGuardrailsView;
import io.turnpike.events.guardrails.GuardrailDocument;
import io.turnpike.events.guardrails.GuardrailDocumentException;
import io.turnpike.query.http.ApiError;
import io.turnpike.query.http.JsonExchange;
import io.undertow.server.HttpServerExchange;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code /v1/admin/guardrails}: {@code POST} creates a guardrail from its document (201, version 1) or redefines
 * the one its {@code id} names (200, next version); {@code GET} lists those in force, {@code GET /{id}} shows one,
 * {@code DELETE /{id}} retires one. {@code /v1/admin/tenants/{tenant}/guardrails}: {@code PUT
 * {"guardrails":[ids],"warn_status":200|246}} replaces a tenant's guardrail settings as a whole (so an omitted
 * {@code warn_status} is 200 again), {@code GET} reads them. Errors name the document field, e.g.
 * {@code checks[0].type}.
 */
public final class GuardrailAdmin {
    private final Governance governance;
    private final GuardrailVerifier verifier;

    public GuardrailAdmin(Governance governance) {
        this(governance, GuardrailVerifier.SHAPE_ONLY);
    }

    public GuardrailAdmin(Governance governance, GuardrailVerifier verifier) {
        this.governance = governance;
        this.verifier = verifier;
    }

    public void define(HttpServerExchange exchange, byte[] body) {
        ObjectNode json = JsonExchange.parseObject(body); // a clear 400 for a body that is not a JSON object at all
        JsonNode id = json.get("id");
        boolean existed = id != null && id.isTextual() && governance.guardrail(id.asText()).isPresent();
        verifyRunnable(body);
        GuardrailView view = governance.defineGuardrail(new String(body, StandardCharsets.UTF_8), Actors.of(exchange));
        JsonExchange.send(exchange, existed ? 200 : 201, json(view));
    }

    /** A document that does not parse is left to the aggregate, which names the field; one that parses must run. */
    private void verifyRunnable(byte[] body) {
        GuardrailDocument document;
        try {
            document = GuardrailDocument.parse(new String(body, StandardCharsets.UTF_8));
        } catch (GuardrailDocumentException invalid) {
            return;
        }
        try {
            verifier.verify(document);
        } catch (GuardrailDocumentException e) {
            throw ApiError.invalid(e.field(), e.field() + ": " + e.reason());
        }
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
        ObjectNode json = JsonExchange.parseObject(body);
        List<String> ids = AdminJson.guardrailIds(json.get("guardrails"), "guardrails");
        Integer warnStatus = warnStatus(json.get("warn_status"));
        JsonExchange.send(exchange, 200, tenantJson(
                governance.setTenantGuardrails(tenant, ids, warnStatus, Actors.of(exchange))));
    }

    public void tenantGuardrails(HttpServerExchange exchange, byte[] body) {
        String tenant = JsonExchange.pathParam(exchange, "tenant");
        JsonExchange.send(exchange, 200, tenantJson(governance.tenantGuardrailSettings(tenant)));
    }

    /** Absent or null: the default; the allowed values are the aggregate's to decide. */
    private static Integer warnStatus(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw ApiError.invalid("warn_status", "warn_status must be 200 or 246");
        }
        return node.intValue();
    }

    private GuardrailView find(String id) {
        return governance.guardrail(id).orElseThrow(() -> ApiError.notFound("guardrail '" + id + "' not found"));
    }

    private static ObjectNode tenantJson(TenantGuardrailsView settings) {
        ObjectNode node = JsonExchange.JSON.createObjectNode();
        node.put("tenant", settings.tenant());
        ArrayNode list = node.putArray("guardrails");
        settings.guardrailIds().forEach(list::add);
        node.put("warn_status", settings.warnStatus());
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
