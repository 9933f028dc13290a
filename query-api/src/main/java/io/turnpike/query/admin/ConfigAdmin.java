package io.turnpike.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.aggregates.ConfigVersionView;
import io.turnpike.aggregates.ConfigView;
import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.SavedConfig;
import io.turnpike.events.config.ConfigValidationException;
import io.turnpike.events.config.GuardrailRef;
import io.turnpike.events.config.ParsedConfig;
import io.turnpike.events.config.RoutingConfigDocument;
import io.turnpike.events.config.Target;
import io.turnpike.events.guardrails.GuardrailDocumentException;
import io.turnpike.query.http.ApiError;
import io.turnpike.query.http.JsonExchange;
import io.undertow.server.HttpServerExchange;

import java.util.List;

/**
 * {@code /v1/admin/configs}: create with {@code {"id","config":{…}}}, update with {@code PUT /{id}
 * {"config":{…}}}, history with {@code GET /{id}/versions}, rollback with {@code POST /{id}/rollback {"version":n}}.
 * The Portkey-shaped document is stored whole; each write is a new version. Writes answer with the document's
 * {@code warnings} (unknown keys kept but ignored…).
 */
public final class ConfigAdmin {
    private final Governance governance;
    private final GuardrailVerifier guardrails;

    public ConfigAdmin(Governance governance) {
        this(governance, GuardrailVerifier.SHAPE_ONLY);
    }

    public ConfigAdmin(Governance governance, GuardrailVerifier guardrails) {
        this.governance = governance;
        this.guardrails = guardrails;
    }

    public void create(HttpServerExchange exchange, byte[] body) {
        ObjectNode json = JsonExchange.parseObject(body);
        String id = AdminJson.requiredText(json, "id");
        SavedConfig saved = governance.createConfig(id, verified(document(json)), Actors.of(exchange));
        JsonExchange.send(exchange, 201, AdminJson.saved(saved));
    }

    public void update(HttpServerExchange exchange, byte[] body) {
        ObjectNode json = JsonExchange.parseObject(body);
        String id = JsonExchange.pathParam(exchange, "id");
        SavedConfig saved = governance.updateConfig(id, verified(document(json)), Actors.of(exchange));
        JsonExchange.send(exchange, 200, AdminJson.saved(saved));
    }

    public void get(HttpServerExchange exchange, byte[] body) {
        String id = JsonExchange.pathParam(exchange, "id");
        ConfigView view = governance.config(id).orElseThrow(() -> ApiError.notFound("no config with id " + id));
        JsonExchange.send(exchange, 200, AdminJson.config(view));
    }

    /** Every version, newest first. */
    public void versions(HttpServerExchange exchange, byte[] body) {
        String id = JsonExchange.pathParam(exchange, "id");
        List<ConfigVersionView> versions = governance.configVersions(id);
        if (versions.isEmpty()) {
            throw ApiError.notFound("no config with id " + id);
        }
        ObjectNode response = JsonExchange.JSON.createObjectNode();
        ArrayNode data = response.putArray("data");
        for (int i = versions.size() - 1; i >= 0; i--) {
            data.add(AdminJson.configVersion(versions.get(i)));
        }
        JsonExchange.send(exchange, 200, response);
    }

    /** {@code {"version": n}}: a new version whose document is version n's. */
    public void rollback(HttpServerExchange exchange, byte[] body) {
        ObjectNode json = JsonExchange.parseObject(body);
        String id = JsonExchange.pathParam(exchange, "id");
        JsonNode version = json.get("version");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()) {
            throw ApiError.invalid("version", "version is required: the whole version number to restore");
        }
        SavedConfig saved = governance.rollbackConfig(id, version.intValue(), Actors.of(exchange));
        JsonExchange.send(exchange, 200, AdminJson.saved(saved));
    }

    public void list(HttpServerExchange exchange, byte[] body) {
        ObjectNode response = JsonExchange.JSON.createObjectNode();
        ArrayNode data = response.putArray("data");
        governance.configs().forEach(c -> data.add(AdminJson.config(c)));
        JsonExchange.send(exchange, 200, response);
    }

    /** Inline guardrails must be runnable too; everything else about the document is the aggregate's to check. */
    private String verified(String document) {
        ParsedConfig parsed;
        try {
            parsed = RoutingConfigDocument.parse(document, provider -> true);
        } catch (ConfigValidationException invalid) {
            return document; // the aggregate refuses it, naming the path
        }
        for (Target target : parsed.root().providerTargets()) {
            for (List<GuardrailRef> refs : List.of(target.inputGuardrails(), target.outputGuardrails())) {
                for (GuardrailRef ref : refs) {
                    if (!ref.isInline()) {
                        continue;
                    }
                    try {
                        guardrails.verify(ref.inline());
                    } catch (GuardrailDocumentException e) {
                        throw ApiError.invalid("config." + ref.path(), "config." + ref.path() + ": " + e.field()
                                + ": " + e.reason());
                    }
                }
            }
        }
        return document;
    }

    private static String document(ObjectNode json) {
        JsonNode config = json.get("config");
        if (config == null || config.isNull()) {
            throw ApiError.invalid("config", "config is required: the routing config JSON object");
        }
        if (!config.isObject()) {
            throw ApiError.invalid("config", "config must be a JSON object");
        }
        return config.toString();
    }
}
