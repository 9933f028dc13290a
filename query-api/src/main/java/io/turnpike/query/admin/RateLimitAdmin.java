package io.turnpike.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.RateLimitView;
import io.turnpike.query.http.ApiError;
import io.turnpike.query.http.JsonExchange;
import io.undertow.server.HttpServerExchange;

/**
 * {@code /v1/admin/rate-limits}: {@code POST} creates or replaces a policy
 * ({@code {"id","scope","match"?,"requests_per_minute"?,"requests_per_hour"?,"requests_per_day"?,
 * "tokens_per_minute"?}}; 201 when new, 200 when replaced), {@code GET} lists them, {@code GET /{id}} shows one,
 * {@code DELETE /{id}} removes one. The proxy enforces changes from its next request.
 */
public final class RateLimitAdmin {
    private static final String[] LIMITS = {"requests_per_minute", "requests_per_hour", "requests_per_day",
            "tokens_per_minute"};

    private final Governance governance;

    public RateLimitAdmin(Governance governance) {
        this.governance = governance;
    }

    public void define(HttpServerExchange exchange, byte[] body) {
        ObjectNode json = JsonExchange.parseObject(body);
        String id = AdminJson.requiredText(json, "id");
        String scope = AdminJson.requiredText(json, "scope");
        boolean existed = governance.rateLimit(id).isPresent();
        RateLimitView view = governance.defineRateLimit(id, scope, AdminJson.stringMap(json.get("match"), "match"),
                limit(json, LIMITS[0]), limit(json, LIMITS[1]), limit(json, LIMITS[2]), limit(json, LIMITS[3]),
                Actors.of(exchange));
        JsonExchange.send(exchange, existed ? 200 : 201, json(view));
    }

    public void list(HttpServerExchange exchange, byte[] body) {
        ObjectNode response = JsonExchange.JSON.createObjectNode();
        ArrayNode data = response.putArray("data");
        governance.rateLimits().forEach(policy -> data.add(json(policy)));
        JsonExchange.send(exchange, 200, response);
    }

    public void get(HttpServerExchange exchange, byte[] body) {
        String id = JsonExchange.pathParam(exchange, "id");
        JsonExchange.send(exchange, 200, json(governance.rateLimit(id).orElseThrow(() ->
                ApiError.notFound("rate limit '" + id + "' not found"))));
    }

    public void remove(HttpServerExchange exchange, byte[] body) {
        String id = JsonExchange.pathParam(exchange, "id");
        RateLimitView removed = governance.rateLimit(id).orElseThrow(() ->
                ApiError.notFound("rate limit '" + id + "' not found"));
        governance.removeRateLimit(id, Actors.of(exchange));
        ObjectNode response = json(removed);
        response.put("removed", true);
        JsonExchange.send(exchange, 200, response);
    }

    private static Long limit(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiError.invalid(field, field + " must be a whole number");
        }
        return value.asLong();
    }

    private static ObjectNode json(RateLimitView view) {
        ObjectNode node = JsonExchange.JSON.createObjectNode();
        node.put("id", view.id());
        node.put("scope", view.scope());
        ObjectNode match = node.putObject("match");
        view.match().forEach(match::put);
        put(node, LIMITS[0], view.requestsPerMinute());
        put(node, LIMITS[1], view.requestsPerHour());
        put(node, LIMITS[2], view.requestsPerDay());
        put(node, LIMITS[3], view.tokensPerMinute());
        node.put("defined_by", view.actor());
        node.put("defined_at", view.definedAt().toString());
        return node;
    }

    private static void put(ObjectNode node, String field, Long value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
