package io.turnpike.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.ProviderView;
import io.turnpike.query.http.ApiError;
import io.turnpike.query.http.JsonExchange;
import io.undertow.server.HttpServerExchange;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /v1/admin/providers}: {@code {"id","type", ...credentials, ...settings}}. Credential fields (see
 * {@link ProviderSecrets}) are sealed by the aggregate and never echoed; every other field is a string setting
 * (e.g. {@code base_url}, {@code region}).
 */
public final class ProviderAdmin {
    private final Governance governance;

    public ProviderAdmin(Governance governance) {
        this.governance = governance;
    }

    public void create(HttpServerExchange exchange, byte[] body) {
        ObjectNode json = JsonExchange.parseObject(body);
        String id = AdminJson.requiredText(json, "id");
        String type = AdminJson.requiredText(json, "type");
        String secret = ProviderSecrets.seal(type, json);
        Map<String, String> settings = new LinkedHashMap<>();
        var fields = json.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.equals("id") || name.equals("type") || ProviderSecrets.isSecret(type, name)) {
                continue;
            }
            if (!field.getValue().isTextual()) {
                throw ApiError.invalid(name, name + " must be a string");
            }
            settings.put(name, field.getValue().asText());
        }
        ProviderView view = governance.registerProvider(id, type, settings, secret, Actors.of(exchange));
        JsonExchange.send(exchange, 201, AdminJson.provider(view));
    }

    public void list(HttpServerExchange exchange, byte[] body) {
        ObjectNode response = JsonExchange.JSON.createObjectNode();
        ArrayNode data = response.putArray("data");
        governance.providers().forEach(p -> data.add(AdminJson.provider(p)));
        JsonExchange.send(exchange, 200, response);
    }
}
