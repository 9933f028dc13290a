package io.turnpike.proxy.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * How the provider fakes answer a request that forces a tool ({@code tool_choice} {@code {"type":"tool","name":…}}
 * or {@code {"type":"any"}}), as Claude must: one {@code tool_use} block and {@code stop_reason: tool_use}. The
 * input fills every required property of the tool's {@code input_schema} with one scripted argument, so a test
 * knows the exact input without the fake understanding schemas. Both fakes share this so their Anthropic
 * payloads (JSON body, stream events) are identical; each wraps the events in its own transport.
 */
public final class ForcedToolReplies {
    /** The {@code id} of every {@code tool_use} block the fakes answer. */
    public static final String TOOL_USE_ID = "toolu_01FakeForcedTool";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTIAL_JSON_CHARS = 8;

    private ForcedToolReplies() {
    }

    /** The tool the request forces: the named one for {@code tool}, the first for {@code any}; else null. */
    public static JsonNode forcedTool(JsonNode request) {
        JsonNode tools = request.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return null;
        }
        JsonNode choice = request.path("tool_choice");
        String type = choice.path("type").asText();
        if ("any".equals(type)) {
            return tools.get(0);
        }
        if ("tool".equals(type)) {
            for (JsonNode tool : tools) {
                if (choice.path("name").asText().equals(tool.path("name").asText())) {
                    return tool;
                }
            }
        }
        return null;
    }

    /** {@code {"<required property>": argument, …}} for the tool's input schema. */
    public static ObjectNode input(JsonNode tool, String argument) {
        ObjectNode input = JSON.createObjectNode();
        tool.path("input_schema").path("required").forEach(name -> input.put(name.asText(), argument));
        return input;
    }

    /** The complete message: one {@code tool_use} block calling {@code tool} with {@code input}. */
    public static ObjectNode message(String id, String model, JsonNode tool, ObjectNode input, ObjectNode usage) {
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.putArray("content").addObject()
                .put("type", "tool_use")
                .put("id", TOOL_USE_ID)
                .put("name", tool.path("name").asText())
                .set("input", input);
        message.put("stop_reason", "tool_use");
        message.putNull("stop_sequence");
        message.set("usage", usage);
        return message;
    }

    /**
     * The Messages stream events for {@code message} (as built by {@link #message}), in the real API's order:
     * {@code message_start} (no content, 1 output token), {@code content_block_start} with the block's input
     * empty, {@code ping}, the input's JSON text in {@code input_json_delta} pieces, {@code content_block_stop},
     * {@code message_delta} with {@code stop_reason: tool_use} and the output tokens, {@code message_stop}.
     */
    public static List<ObjectNode> streamEvents(ObjectNode message) {
        List<ObjectNode> events = new ArrayList<>();
        ObjectNode started = message.deepCopy();
        started.putArray("content");
        started.putNull("stop_reason");
        ((ObjectNode) started.get("usage")).put("output_tokens", 1);
        events.add(event("message_start").set("message", started));
        ObjectNode block = message.path("content").get(0).deepCopy();
        String inputJson = block.get("input").toString();
        block.putObject("input");
        events.add(event("content_block_start").put("index", 0).set("content_block", block));
        events.add(event("ping"));
        for (int from = 0; from < inputJson.length(); from += PARTIAL_JSON_CHARS) {
            ObjectNode delta = event("content_block_delta").put("index", 0);
            delta.putObject("delta").put("type", "input_json_delta")
                    .put("partial_json", inputJson.substring(from, Math.min(inputJson.length(), from + PARTIAL_JSON_CHARS)));
            events.add(delta);
        }
        events.add(event("content_block_stop").put("index", 0));
        ObjectNode messageDelta = event("message_delta");
        messageDelta.putObject("delta").put("stop_reason", "tool_use").putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", message.at("/usage/output_tokens").asLong());
        events.add(messageDelta);
        events.add(event("message_stop"));
        return events;
    }

    private static ObjectNode event(String type) {
        return JSON.createObjectNode().put("type", type);
    }
}
