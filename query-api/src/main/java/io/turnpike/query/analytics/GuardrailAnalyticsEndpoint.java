package io.turnpike.query.analytics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.query.http.ApiError;
import io.turnpike.query.http.JsonExchange;
import io.turnpike.query.http.TimeInput;
import io.undertow.server.HttpServerExchange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/analytics/guardrails?from=&to=&tenant=&team=&user=&env=&guardrail_id=&group_by=&limit=} →
 * {@code {"group_by":[…],"data":[…]}}: evaluations, fails, errors, denials, warns, redactions and p95 latency per
 * tenant and requested dimensions, most denials first. Times parse like {@code /v1/logs}; every bad parameter is a
 * 400 naming it.
 */
public final class GuardrailAnalyticsEndpoint {
    private final GuardrailAnalyticsRepository repository;

    public GuardrailAnalyticsEndpoint(GuardrailAnalyticsRepository repository) {
        this.repository = repository;
    }

    public void get(HttpServerExchange exchange, byte[] body) {
        GuardrailAnalyticsFilter filter = filter(exchange);
        ObjectNode response = JsonExchange.JSON.createObjectNode();
        ArrayNode groupBy = response.putArray("group_by");
        groupBy.add("tenant");
        filter.groupBy().forEach(groupBy::add);
        ArrayNode data = response.putArray("data");
        repository.find(filter).forEach(data::add);
        JsonExchange.send(exchange, 200, response);
    }

    static GuardrailAnalyticsFilter filter(HttpServerExchange exchange) {
        Optional<Instant> from = JsonExchange.queryParam(exchange, "from").map(v -> TimeInput.instant("from", v));
        Optional<Instant> to = JsonExchange.queryParam(exchange, "to").map(v -> TimeInput.instant("to", v));
        TimeInput.requireOrdered(from, to);
        List<String> groupBy = JsonExchange.queryParam(exchange, "group_by")
                .map(GuardrailAnalyticsEndpoint::groupBy).orElse(GuardrailAnalyticsFilter.DEFAULT_GROUP_BY);
        int limit = JsonExchange.queryParam(exchange, "limit").map(GuardrailAnalyticsEndpoint::limit)
                .orElse(GuardrailAnalyticsFilter.DEFAULT_LIMIT);
        return new GuardrailAnalyticsFilter(
                JsonExchange.queryParam(exchange, "tenant"), JsonExchange.queryParam(exchange, "team"),
                JsonExchange.queryParam(exchange, "user"), JsonExchange.queryParam(exchange, "env"),
                JsonExchange.queryParam(exchange, "guardrail_id"), from, to, groupBy, limit);
    }

    /**
     * {@code guardrail_id,team}: names from {@link GuardrailAnalyticsFilter#DIMENSIONS}; {@code tenant} is implied, so
     * {@code group_by=tenant} gives per-tenant totals.
     */
    static List<String> groupBy(String value) {
        List<String> dimensions = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String name = part.strip();
            if (name.isEmpty()) {
                throw ApiError.invalid("group_by", "group_by has an empty entry: \"" + value + "\"");
            }
            if (name.equals("tenant")) {
                continue; // every row is per tenant already
            }
            if (!GuardrailAnalyticsFilter.DIMENSIONS.contains(name)) {
                throw ApiError.invalid("group_by", "group_by: unknown dimension \"" + name + "\"; expected any of tenant, "
                        + String.join(", ", GuardrailAnalyticsFilter.DIMENSIONS));
            }
            if (dimensions.contains(name)) {
                throw ApiError.invalid("group_by", "group_by names \"" + name + "\" twice");
            }
            dimensions.add(name);
        }
        return dimensions;
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit < 1 || limit > GuardrailAnalyticsFilter.MAX_LIMIT) {
                throw ApiError.invalid("limit", "limit must be between 1 and " + GuardrailAnalyticsFilter.MAX_LIMIT);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw ApiError.invalid("limit", "limit must be an integer, got \"" + value + "\"");
        }
    }
}
