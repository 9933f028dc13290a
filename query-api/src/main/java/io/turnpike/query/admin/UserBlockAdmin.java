package io.turnpike.query.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.aggregates.Governance;
import io.turnpike.query.http.JsonExchange;
import io.undertow.server.HttpServerExchange;

import java.util.Locale;

/**
 * {@code /v1/admin/users/{user}/block} and {@code .../unblock} with {@code {"tenant","reason"}}: the proxy refuses
 * (403) every request whose effective tenant and user match, from the next request on. {@code GET
 * /v1/admin/user-blocks} lists blocked users ({@code ?tenant=} narrows).
 */
public final class UserBlockAdmin {
    private final Governance governance;

    public UserBlockAdmin(Governance governance) {
        this.governance = governance;
    }

    public void block(HttpServerExchange exchange, byte[] body) {
        ObjectNode json = JsonExchange.parseObject(body);
        String tenant = AdminJson.requiredText(json, "tenant");
        String user = JsonExchange.pathParam(exchange, "user");
        JsonExchange.send(exchange, 200, AdminJson.userBlock(governance.blockUser(tenant, user,
                AdminJson.optionalText(json, "reason"), Actors.of(exchange))));
    }

    public void unblock(HttpServerExchange exchange, byte[] body) {
        ObjectNode json = JsonExchange.parseObject(body);
        String tenant = AdminJson.requiredText(json, "tenant");
        String user = JsonExchange.pathParam(exchange, "user");
        governance.unblockUser(tenant, user, Actors.of(exchange));
        ObjectNode response = JsonExchange.JSON.createObjectNode();
        response.put("tenant", tenant);
        response.put("user", user.trim().toLowerCase(Locale.ROOT));
        response.put("blocked", false);
        JsonExchange.send(exchange, 200, response);
    }

    public void list(HttpServerExchange exchange, byte[] body) {
        String tenant = JsonExchange.queryParam(exchange, "tenant").orElse(null);
        ObjectNode response = JsonExchange.JSON.createObjectNode();
        ArrayNode data = response.putArray("data");
        governance.userBlocks().stream().filter(b -> tenant == null || b.tenant().equals(tenant))
                .forEach(b -> data.add(AdminJson.userBlock(b)));
        JsonExchange.send(exchange, 200, response);
    }
}
