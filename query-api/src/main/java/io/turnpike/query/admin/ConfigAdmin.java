package io.turnpike.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.aggregates.ConfigView;
import io.turnpike.aggregates.Governance;
import io.turnpike.query.http.ApiError;
import io.turnpike.query.http.JsonExchange;
import io.undertow.server.HttpServerExchange;

/**
 * {@code /v1/admin/configs}: create with {@code {"id","config":{…}}}, update with {@code PUT /{id}
 * {"config":{…}}}. The Portkey-shaped document is stored whole; each write is a new version.
 */
public final class ConfigAdmin {
    private final Governance governance;

    public ConfigAdmin(Governance governance) {
        this.governance = governance;
    }

    public void create(HttpServerExchange exchange, byte[] body) {
        ObjectNode json = JsonExchange.parseObject(body);
        String id = AdminJson.requiredText(json, "id");
        ConfigView view = governance.createConfig(id, document(json), Actors.of(exchange));
        JsonExchange.send(exchange, 201, AdminJson.config(view));
    }

    public void update(HttpServerExchange exchange, byte[] body) {
        ObjectNode json = JsonExchange.parseObject(body);
        String id = JsonExchange.pathParam(exchange, "id");
        ConfigView view = governance.updateConfig(id, document(json), Actors.of(exchange));
        JsonExchange.send(exchange, 200, AdminJson.config(view));
    }

    public void get(HttpServerExchange exchange, byte[] body) {
        String id = JsonExchange.pathParam(exchange, "id");
        ConfigView view = governance.config(id).orElseThrow(() -> ApiError.notFound("no config with id " + id));
        JsonExchange.send(exchange, 200, AdminJson.config(view));
    }

    public void list(HttpServerExchange exchange, byte[] body) {
        ObjectNode response = JsonExchange.JSON.createObjectNode();
        ArrayNode data = response.putArray("data");
        governance.configs().forEach(c -> data.add(AdminJson.config(c)));
        JsonExchange.send(exchange, 200, response);
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
