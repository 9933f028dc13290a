package io.turnpike.query.logs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.query.http.ApiError;
import io.turnpike.query.http.JsonExchange;
import io.turnpike.query.http.TimeInput;
import io.undertow.server.HttpServerExchange;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /v1/logs?tenant=&team=&user=&env=&from=&to=&limit=&guardrail_action=} → {@code {"data":[…]}}, newest
 * first, each entry with its {@code guardrails} verdicts.
 */
public final class LogsEndpoint {
    private final RequestLogRepository repository;

    public LogsEndpoint(RequestLogRepository repository) {
        this.repository = repository;
    }

    public void list(HttpServerExchange exchange, byte[] body) {
        RequestLogFilter filter = filter(exchange);
        ObjectNode response = JsonExchange.JSON.createObjectNode();
        ArrayNode data = response.putArray("data");
        repository.find(filter).forEach(data::add);
        JsonExchange.send(exchange, 200, response);
    }

    static RequestLogFilter filter(HttpServerExchange exchange) {
        int limit = JsonExchange.queryParam(exchange, "limit").map(LogsEndpoint::limit)
                .orElse(RequestLogFilter.DEFAULT_LIMIT);
        Optional<Instant> from = JsonExchange.queryParam(exchange, "from").map(v -> TimeInput.instant("from", v));
        Optional<Instant> to = JsonExchange.queryParam(exchange, "to").map(v -> TimeInput.instant("to", v));
        TimeInput.requireOrdered(from, to);
        Optional<String> guardrailAction = JsonExchange.queryParam(exchange, "guardrail_action");
        if (guardrailAction.isPresent() && !GuardrailVerdicts.ACTIONS.contains(guardrailAction.get())) {
            throw ApiError.invalid("guardrail_action", "guardrail_action must be one of " + GuardrailVerdicts.ACTIONS
                    + ", got \"" + guardrailAction.get() + "\"");
        }
        try {
            return new RequestLogFilter(
                    JsonExchange.queryParam(exchange, "tenant"), JsonExchange.queryParam(exchange, "team"),
                    JsonExchange.queryParam(exchange, "user"), JsonExchange.queryParam(exchange, "env"),
                    from, to, limit, guardrailAction);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(null, e.getMessage());
        }
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit < 1 || limit > RequestLogFilter.MAX_LIMIT) {
                throw ApiError.invalid("limit", "limit must be between 1 and " + RequestLogFilter.MAX_LIMIT);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw ApiError.invalid("limit", "limit must be an integer, got \"" + value + "\"");
        }
    }
}
