package io.turnpike.query.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.IssuedKey;
import io.turnpike.query.http.JsonExchange;
import io.undertow.server.HttpServerExchange;

/**
 * {@code /v1/admin/keys}: issue {@code {"name","config","metadata"}} → 201 with the key material, shown this
 * once; {@code DELETE /{id}} revokes.
 */
public final class KeyAdmin {
    private final Governance governance;

    public KeyAdmin(Governance governance) {
        this.governance = governance;
    }

    public void issue(HttpServerExchange exchange, byte[] body) {
        ObjectNode json = JsonExchange.parseObject(body);
        String name = AdminJson.requiredText(json, "name");
        String config = AdminJson.requiredText(json, "config");
        IssuedKey issued = governance.issueKey(name, config, AdminJson.stringMap(json.get("metadata"), "metadata"),
                AdminJson.optionalBoolean(json, "allow_config_override"), Actors.of(exchange));
        ObjectNode response = AdminJson.key(issued.view());
        response.put("key", issued.key());
        JsonExchange.send(exchange, 201, response);
    }

    public void revoke(HttpServerExchange exchange, byte[] body) {
        String id = JsonExchange.pathParam(exchange, "id");
        governance.revokeKey(id, Actors.of(exchange));
        JsonExchange.send(exchange, 200, AdminJson.key(governance.key(id).orElseThrow()));
    }

    public void list(HttpServerExchange exchange, byte[] body) {
        ObjectNode response = JsonExchange.JSON.createObjectNode();
        ArrayNode data = response.putArray("data");
        governance.keys().forEach(k -> data.add(AdminJson.key(k)));
        JsonExchange.send(exchange, 200, response);
    }
}
