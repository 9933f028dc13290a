package io.turnpike.query.logs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.query.http.ApiError;
import io.turnpike.query.http.JsonExchange;
import io.undertow.server.HttpServerExchange;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** {@code GET /v1/logs?tenant=&team=&user=&env=&from=&to=&limit=} → {@code {"data":[…]}}, newest first. */
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
        Optional<Instant> from = JsonExchange.queryParam(exchange, "from").map(v -> instant("from", v));
        Optional<Instant> to = JsonExchange.queryParam(exchange, "to").map(v -> instant("to", v));
        try {
            return new RequestLogFilter(
                    JsonExchange.queryParam(exchange, "tenant"), JsonExchange.queryParam(exchange, "team"),
                    JsonExchange.queryParam(exchange, "user"), JsonExchange.queryParam(exchange, "env"),
                    from, to, limit);
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

    /** ISO-8601 instants ({@code 2026-11-25T10:00:00Z}) or epoch milliseconds. */
    static Instant instant(String field, String value) {
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw ApiError.invalid(field, field + " is out of range: " + value);
            }
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, field + " must be an ISO-8601 instant like 2026-11-25T10:00:00Z"
                    + " or epoch milliseconds, got \"" + value + "\"");
        }
    }
}
