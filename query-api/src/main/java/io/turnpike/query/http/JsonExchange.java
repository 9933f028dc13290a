package io.turnpike.query.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.Optional;

/** Small helpers for JSON in and out of an Undertow exchange. */
public final class JsonExchange {
    public static final ObjectMapper JSON = new ObjectMapper();

    private JsonExchange() {
    }

    public static void send(HttpServerExchange exchange, int status, JsonNode body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        try {
            exchange.getResponseSender().send(JSON.writeValueAsString(body), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON response", e);
        }
    }

    public static void sendError(HttpServerExchange exchange, ApiError error) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "error");
        ObjectNode inner = body.putObject("error");
        inner.put("type", error.type());
        inner.put("message", error.getMessage());
        if (error.field() != null) {
            inner.put("field", error.field());
        }
        send(exchange, error.status(), body);
    }

    /** Parses a request body that must be a JSON object. */
    public static ObjectNode parseObject(byte[] body) {
        if (body.length == 0) {
            throw ApiError.invalid(null, "request body must be a JSON object");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.invalid(null, "request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiError.invalid(null, "request body could not be read");
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiError.invalid(null, "request body must be a JSON object");
        }
        return object;
    }

    public static Optional<String> queryParam(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty() || values.peekFirst().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(values.peekFirst());
    }

    public static String pathParam(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null ? "" : values.peekFirst();
    }
}
