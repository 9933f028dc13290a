package io.turnpike.proxy.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.exchange.ProviderReply;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.providers.AttemptOutcome;
import io.turnpike.proxy.providers.LocalAnswer;
import io.turnpike.proxy.providers.Provider;
import io.turnpike.proxy.wire.ErrorTypes;
import io.turnpike.proxy.wire.MessagesRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/**
 * Provider type {@code mock}: answers like the Anthropic Messages API, offline and deterministically (the same
 * body always gets the same reply), so the whole pipeline can be exercised without an upstream. Token counts
 * follow the usual ~4 characters per token. A request that forces a tool ({@code tool_choice} {@code tool} or
 * {@code any}) gets a {@code tool_use} block whose input {@link MockToolInput} derives from the tool's schema;
 * otherwise the reply echoes the last user message.
 */
public final class MockProvider implements Provider {
    static final String TYPE = "mock";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHARS_PER_TOKEN = 4;
    private static final int ECHO_CHARS = 120;
    private static final int DELTA_CHARS = 16;

    @Override
    public String type() {
        return TYPE;
    }

    /** An attempt like any other, so retries and fallbacks can target a mock; it never fails to answer. */
    @Override
    public CompletableFuture<AttemptOutcome> attempt(ProxyCall call, MessagesRequest request,
                                                     ProviderAccount account) {
        return CompletableFuture.completedFuture(LocalAnswer.of(reply(request)));
    }

    /** Counts exactly as a reply's {@code usage.input_tokens} would: a count always matches the next call. */
    @Override
    public CompletableFuture<AttemptOutcome> countTokens(ProxyCall call, MessagesRequest request,
                                                         ProviderAccount account) {
        return CompletableFuture.completedFuture(LocalAnswer.of(count(request)));
    }

    ProviderReply count(MessagesRequest request) {
        JsonNode body = parse(request);
        if (body == null) {
            return error(400, "request body is not valid JSON");
        }
        if (!hasMessages(body)) {
            return error(400, "messages: at least one message is required");
        }
        return ProviderReply.tokenCount(inputTokens(body));
    }

    ProviderReply reply(MessagesRequest request) {
        JsonNode body = parse(request);
        if (body == null) {
            return error(400, "request body is not valid JSON");
        }
        if (!hasMessages(body)) {
            return error(400, "messages: at least one message is required");
        }
        String lastUserText = "";
        for (JsonNode message : body.get("messages")) {
            if ("user".equals(message.path("role").asText())) {
                lastUserText = text(message.get("content"));
            }
        }
        long inputTokens = inputTokens(body);
        String id = "msg_" + digest(request.body());
        JsonNode choice = body.path("tool_choice");
        if ("tool".equals(choice.path("type").asText()) || "any".equals(choice.path("type").asText())) {
            JsonNode tool = forcedTool(body.path("tools"), choice);
            if (tool == null) {
                return error(400, "tool_choice: the forced tool is not among the request's tools");
            }
            return toolUse(request, id, tool, inputTokens);
        }
        String text = replyText(lastUserText);
        String stopReason = "end_turn";
        long maxTokens = body.path("max_tokens").asLong(0);
        if (maxTokens > 0 && tokens(text.length()) > maxTokens) {
            text = cut(text, (int) Math.min(text.length(), maxTokens * CHARS_PER_TOKEN));
            stopReason = "max_tokens";
        }
        long outputTokens = tokens(text.length());
        if (request.stream()) {
            ObjectNode emptyBlock = JSON.createObjectNode().put("type", "text").put("text", "");
            return streamed(id, request.model(), emptyBlock, "text_delta", "text", text, stopReason, inputTokens,
                    outputTokens);
        }
        return whole(id, request.model(), JSON.createObjectNode().put("type", "text").put("text", text), stopReason,
                inputTokens, outputTokens);
    }

    /** The named tool for {@code tool}, the first one for {@code any}; null when there is no such tool. */
    private static JsonNode forcedTool(JsonNode tools, JsonNode choice) {
        if (!tools.isArray() || tools.isEmpty()) {
            return null;
        }
        if ("any".equals(choice.path("type").asText())) {
            return tools.get(0);
        }
        for (JsonNode tool : tools) {
            if (tool.path("name").asText().equals(choice.path("name").asText())) {
                return tool;
            }
        }
        return null;
    }

    /** A call of {@code tool}; output tokens are those of its name and input JSON, as the model would write them. */
    private static ProviderReply toolUse(MessagesRequest request, String id, JsonNode tool, long inputTokens) {
        String name = tool.path("name").asText();
        ObjectNode input = MockToolInput.from(tool.path("input_schema"));
        ObjectNode block = JSON.createObjectNode()
                .put("type", "tool_use")
                .put("id", "toolu_" + id.substring("msg_".length()))
                .put("name", name);
        String inputJson = input.toString();
        long outputTokens = tokens(name.length() + inputJson.length());
        if (request.stream()) {
            block.putObject("input");
            return streamed(id, request.model(), block, "input_json_delta", "partial_json", inputJson, "tool_use",
                    inputTokens, outputTokens);
        }
        block.set("input", input);
        return whole(id, request.model(), block, "tool_use", inputTokens, outputTokens);
    }

    private static JsonNode parse(MessagesRequest request) {
        try {
            return JSON.readTree(request.body());
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean hasMessages(JsonNode body) {
        JsonNode messages = body.get("messages");
        return messages != null && messages.isArray() && !messages.isEmpty();
    }

    /** The mock's input-token estimate: the characters of the system prompt and every message's text. */
    static long inputTokens(JsonNode body) {
        int inputChars = textLength(body.get("system"));
        for (JsonNode message : body.get("messages")) {
            inputChars += textLength(message.get("content"));
        }
        return tokens(inputChars);
    }

    private static String replyText(String lastUserText) {
        String said = lastUserText.strip().replaceAll("\\s+", " ");
        if (said.isEmpty()) {
            return "Turnpike mock reply.";
        }
        String excerpt = said.length() > ECHO_CHARS ? cut(said, ECHO_CHARS) + "…" : said;
        return "Turnpike mock reply. You said: \"" + excerpt + "\"";
    }

    private static ProviderReply whole(String id, String model, ObjectNode block, String stopReason, long inputTokens,
                                       long outputTokens) {
        ObjectNode message = message(id, model, stopReason);
        message.putArray("content").add(block);
        message.set("usage", usage(inputTokens, outputTokens));
        return new ProviderReply(200, "application/json", message.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The exact frame sequence the real API sends for a single content block: {@code emptyBlock} opens it, then
     * {@code content} arrives in {@code deltaType} deltas under {@code deltaField} ({@code text_delta}/{@code text}
     * for text, {@code input_json_delta}/{@code partial_json} for a tool's input JSON).
     */
    private static ProviderReply streamed(String id, String model, ObjectNode emptyBlock, String deltaType,
                                          String deltaField, String content, String stopReason, long inputTokens,
                                          long outputTokens) {
        StringBuilder sse = new StringBuilder();
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        ObjectNode message = message(id, model, null);
        message.putArray("content");
        message.set("usage", usage(inputTokens, 1));
        start.set("message", message);
        frame(sse, "message_start", start);
        ObjectNode blockStart = JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
        blockStart.set("content_block", emptyBlock);
        frame(sse, "content_block_start", blockStart);
        frame(sse, "ping", JSON.createObjectNode().put("type", "ping"));
        for (int from = 0; from < content.length(); ) {
            int to = Math.min(content.length(), from + DELTA_CHARS);
            if (to < content.length() && Character.isHighSurrogate(content.charAt(to - 1))) {
                to--; // never split a surrogate pair across deltas
            }
            ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
            delta.putObject("delta").put("type", deltaType).put(deltaField, content.substring(from, to));
            frame(sse, "content_block_delta", delta);
            from = to;
        }
        frame(sse, "content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", 0));
        ObjectNode messageDelta = JSON.createObjectNode().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", outputTokens);
        frame(sse, "message_delta", messageDelta);
        frame(sse, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
        return new ProviderReply(200, "text/event-stream; charset=utf-8",
                sse.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode message(String id, String model, String stopReason) {
        ObjectNode message = JSON.createObjectNode()
                .put("id", id)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", model);
        message.putArray("content");
        message.put("stop_reason", stopReason);
        message.putNull("stop_sequence");
        return message;
    }

    private static ObjectNode usage(long inputTokens, long outputTokens) {
        return JSON.createObjectNode()
                .put("input_tokens", inputTokens)
                .put("output_tokens", outputTokens)
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0);
    }

    private static void frame(StringBuilder sse, String event, ObjectNode data) {
        sse.append("event: ").append(event).append("\ndata: ").append(data).append("\n\n");
    }

    private static ProviderReply error(int status, String message) {
        String body = JSON.createObjectNode().put("type", "error").set("error",
                JSON.createObjectNode().put("type", ErrorTypes.INVALID_REQUEST).put("message", message)).toString();
        return new ProviderReply(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    static long tokens(int chars) {
        return Math.max(1, (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN);
    }

    /** Characters of text in a string, or in the text (and tool result) blocks of a content array. */
    static int textLength(JsonNode content) {
        return text(content).length();
    }

    private static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode block : (ArrayNode) content) {
                if (block.path("text").isTextual()) {
                    text.append(block.get("text").asText());
                } else if (block.has("content")) {
                    text.append(text(block.get("content")));
                }
            }
        }
        return text.toString();
    }

    private static String cut(String text, int length) {
        int end = length;
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static String digest(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
