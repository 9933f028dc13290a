package io.turnpike.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for api.anthropic.com speaking the real wire format: a Messages API JSON body, or Server-Sent
 * Events in the documented order with usage split between {@code message_start} and {@code message_delta}.
 * Records what it received so tests can check the proxy forwarded the right credentials.
 */
final class FakeAnthropicUpstream implements AutoCloseable {
    static final String API_KEY = "sk-ant-upstream-test-key";
    static final String REPLY = "Hello from the fake upstream.";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Received(String apiKey, String authorization, String anthropicVersion, JsonNode body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    FakeAnthropicUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v1/messages", this::messages);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return received;
    }

    private void messages(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        received.add(new Received(exchange.getRequestHeaders().getFirst("x-api-key"),
                exchange.getRequestHeaders().getFirst("authorization"),
                exchange.getRequestHeaders().getFirst("anthropic-version"), body));
        if (!API_KEY.equals(exchange.getRequestHeaders().getFirst("x-api-key"))) {
            send(exchange, 401, "application/json",
                    "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}");
            return;
        }
        String model = body.path("model").asText();
        if (body.path("stream").asBoolean(false)) {
            stream(exchange, model);
        } else {
            send(exchange, 200, "application/json", JSON.writeValueAsString(Map.of(
                    "id", "msg_fake_1", "type", "message", "role", "assistant", "model", model + "-20250929",
                    "content", List.of(Map.of("type", "text", "text", REPLY)),
                    "stop_reason", "end_turn",
                    "usage", Map.of("input_tokens", 25, "output_tokens", 12,
                            "cache_creation_input_tokens", 0, "cache_read_input_tokens", 0))));
        }
    }

    private static void stream(HttpExchange exchange, String model) throws IOException {
        exchange.getResponseHeaders().set("content-type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            frame(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_fake_2\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"model\":\"" + model + "-20250929\",\"content\":[],\"stop_reason\":null,"
                    + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":30,\"output_tokens\":1,"
                    + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":10}}}");
            frame(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
            frame(out, "ping", "{\"type\":\"ping\"}");
            for (String piece : List.of("Hello ", "from the ", "fake upstream.")) {
                frame(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + piece + "\"}}");
            }
            frame(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
            frame(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":40}}");
            frame(out, "message_stop", "{\"type\":\"message_stop\"}");
        }
    }

    private static void frame(OutputStream out, String event, String data) throws IOException {
        out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
