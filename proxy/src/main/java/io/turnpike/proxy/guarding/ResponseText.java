package io.turnpike.proxy.guarding;

import com.fasterxml.jackson.databind.JsonNode;
import io.turnpike.proxy.guardrails.TextSpan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text a model produced, block by block, as output guardrails see it: text blocks as {@code content[i]}, tool
 * inputs (their JSON) as {@code content[i].input}, thinking as {@code content[i].thinking}. Built from a whole
 * message or grown from stream events; {@link #characters()} counts everything seen so far.
 */
final class ResponseText {
    static final String INPUT_SUFFIX = ".input";
    static final String THINKING_SUFFIX = ".thinking";

    enum Kind { TEXT, TOOL_INPUT, THINKING }

    private record Block(Kind kind, StringBuilder text) {
    }

    private final Map<Integer, Block> blocks = new TreeMap<>();
    private long characters;

    /** The blocks of a complete Messages response ({@code {"type":"message","content":[…]}}). */
    static ResponseText ofMessage(JsonNode message) {
        ResponseText text = new ResponseText();
        JsonNode content = message.path("content");
        for (int i = 0; i < content.size(); i++) {
            JsonNode block = content.get(i);
            switch (block.path("type").asText("")) {
                case "text" -> text.append(i, Kind.TEXT, block.path("text").asText(""));
                case "tool_use", "server_tool_use" -> text.append(i, Kind.TOOL_INPUT,
                        block.has("input") ? block.get("input").toString() : "");
                case "thinking" -> text.append(i, Kind.THINKING, block.path("thinking").asText(""));
                default -> {
                    // images, redacted thinking, tool results of server tools: no text a check can judge
                }
            }
        }
        return text;
    }

    /** Grows with one stream event; events that carry no model text change nothing. */
    void apply(StreamEvent event) {
        String part = event.partType() == null ? "" : event.partType();
        if (event.type().equals("content_block_start")) {
            switch (part) {
                case "text" -> append(event.index(), Kind.TEXT, event.text());
                // The start's input is always {}; the whole input arrives as input_json_delta fragments.
                case "tool_use", "server_tool_use" -> append(event.index(), Kind.TOOL_INPUT, "");
                case "thinking" -> append(event.index(), Kind.THINKING, event.text());
                default -> {
                }
            }
        } else if (event.type().equals("content_block_delta")) {
            switch (part) {
                case "text_delta" -> append(event.index(), Kind.TEXT, event.text());
                case "input_json_delta" -> append(event.index(), Kind.TOOL_INPUT, event.text());
                case "thinking_delta" -> append(event.index(), Kind.THINKING, event.text());
                default -> {
                }
            }
        }
    }

    private void append(int index, Kind kind, String text) {
        if (index < 0) {
            return;
        }
        Block block = blocks.get(index);
        if (block == null || block.kind() != kind) {
            block = new Block(kind, new StringBuilder());
            blocks.put(index, block);
        }
        block.text().append(text);
        characters += text.length();
    }

    long characters() {
        return characters;
    }

    List<TextSpan> spans() {
        List<TextSpan> spans = new ArrayList<>(blocks.size());
        blocks.forEach((index, block) -> spans.add(new TextSpan(source(index, block.kind()), block.text().toString())));
        return spans;
    }

    static String source(int index, Kind kind) {
        return switch (kind) {
            case TEXT -> "content[" + index + "]";
            case TOOL_INPUT -> "content[" + index + "]" + INPUT_SUFFIX;
            case THINKING -> "content[" + index + "]" + THINKING_SUFFIX;
        };
    }

    /** The block index a span source names. */
    static int indexOf(String source) {
        return Integer.parseInt(source.substring("content[".length(), source.indexOf(']')));
    }

    static Kind kindOf(String source) {
        if (source.endsWith(INPUT_SUFFIX)) {
            return Kind.TOOL_INPUT;
        }
        return source.endsWith(THINKING_SUFFIX) ? Kind.THINKING : Kind.TEXT;
    }
}
