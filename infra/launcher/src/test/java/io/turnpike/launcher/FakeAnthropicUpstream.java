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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for api.anthropic.com speaking the real wire format: a Messages API JSON body, or Server-Sent
 * Events in the documented order with usage split between {@code message_start} and {@code message_delta}.
 * A request that forces a tool ({@code tool_choice} {@code tool} or {@code any}) gets a {@code tool_use} block
 * (streamed as {@code input_json_delta} pieces), as the real API must answer; Claude Code sends tools on every turn without forcing one, so it gets text.
 * {@code /v1/messages/count_tokens} answers a fixed count. Records what it received so tests can check the proxy
 * forwarded the right credentials.
 */
final class FakeAnthropicUpstream implements AutoCloseable {
    static final String API_KEY = "sk-ant-upstream-test-key";
    static final String REPLY = "Hello from the fake upstream.";
    /** The value the fake fills into every required property of a forced tool's input schema. */
    static final String TOOL_ARGUMENT = "Paris";
    static final long COUNTED_INPUT_TOKENS = 17;
    private static final ObjectMapper JSON = new ObjectMapper();

    record Received(String path, String apiKey, String authorization, String anthropicVersion, JsonNode body) {
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
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(path, exchange.getRequestHeaders().getFirst("x-api-key"),
                exchange.getRequestHeaders().getFirst("authorization"),
                exchange.getRequestHeaders().getFirst("anthropic-version"), body));
        if (!API_KEY.equals(exchange.getRequestHeaders().getFirst("x-api-key"))) {
            send(exchange, 401, "application/json",
                    "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}");
            return;
        }
        String model = body.path("model").asText();
        if (path.equals("/v1/messages/count_tokens")) {
            send(exchange, 200, "application/json", "{\"input_tokens\":" + COUNTED_INPUT_TOKENS + "}");
        } else if (!path.equals("/v1/messages")) {
            send(exchange, 404, "application/json",
                    "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"Not found\"}}");
        } else if (forcedTool(body) != null && !body.path("stream").asBoolean(false)) {
            send(exchange, 200, "application/json", toolUse(model, forcedTool(body)));
        } else if (forcedTool(body) != null) {
            streamToolUse(exchange, model, forcedTool(body));
        } else if (body.path("stream").asBoolean(false)) {
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

    /** The tool the request forces, or null when the model is free to answer in text. */
    private static JsonNode forcedTool(JsonNode body) {
        JsonNode choice = body.path("tool_choice");
        JsonNode tools = body.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return null;
        }
        for (JsonNode tool : tools) {
            if ("tool".equals(choice.path("type").asText()) && choice.path("name").asText().equals(tool.path("name").asText())) {
                return tool;
            }
        }
        return "any".equals(choice.path("type").asText()) ? tools.get(0) : null;
    }

    private static Map<String, Object> toolInput(JsonNode tool) {
        Map<String, Object> input = new LinkedHashMap<>();
        tool.path("input_schema").path("required").forEach(name -> input.put(name.asText(), TOOL_ARGUMENT));
        return input;
    }

    private static String toolUse(String model, JsonNode tool) throws IOException {
        Map<String, Object> input = toolInput(tool);
        return JSON.writeValueAsString(Map.of(
                "id", "msg_fake_3", "type", "message", "role", "assistant", "model", model + "-20250929",
                "content", List.of(Map.of("type", "tool_use", "id", "toolu_fake_1", "name", tool.path("name").asText(),
                        "input", input)),
                "stop_reason", "tool_use",
                "usage", Map.of("input_tokens", 50, "output_tokens", 20,
                        "cache_creation_input_tokens", 0, "cache_read_input_tokens", 0)));
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

    /** A forced tool call streamed as the real API does: the input's JSON text in {@code input_json_delta} pieces. */
    private static void streamToolUse(HttpExchange exchange, String model, JsonNode tool) throws IOException {
        String inputJson = JSON.writeValueAsString(toolInput(tool));
        exchange.getResponseHeaders().set("content-type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            frame(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_fake_4\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"model\":\"" + model + "-20250929\",\"content\":[],\"stop_reason\":null,"
                    + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":50,\"output_tokens\":1,"
                    + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0}}}");
            frame(out, "content_block_start", JSON.writeValueAsString(Map.of("type", "content_block_start", "index", 0,
                    "content_block", Map.of("type", "tool_use", "id", "toolu_fake_2", "name", tool.path("name").asText(),
                            "input", Map.of()))));
            int half = inputJson.length() / 2;
            for (String piece : List.of("", inputJson.substring(0, half), inputJson.substring(half))) {
                frame(out, "content_block_delta", JSON.writeValueAsString(Map.of("type", "content_block_delta",
                        "index", 0, "delta", Map.of("type", "input_json_delta", "partial_json", piece))));
            }
            frame(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
            frame(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":20}}");
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
