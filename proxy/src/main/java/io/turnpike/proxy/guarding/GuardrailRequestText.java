package io.turnpike.proxy.guarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.proxy.guardrails.RequestType;
import io.turnpike.proxy.guardrails.TextSpan;
import io.turnpike.proxy.wire.ClientBodyJson;
import io.turnpike.proxy.wire.ProxyError;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * All the text a Messages request shows the model — {@code system} (string or text blocks), every message's string
 * content or text blocks, and {@code tool_result} content — as {@link TextSpan}s named by where they sit
 * ({@code messages[2].content[0].content[1].text}), plus the request types present. Keeps the parsed tree and the
 * place of each span so redacted texts can be written back where they came from, field order kept.
 */
final class GuardrailRequestText {
    private record Place(ObjectNode parent, String field) {
    }

    private final ObjectNode tree;
    private final Map<String, Place> places = new LinkedHashMap<>();
    private final List<TextSpan> spans = new ArrayList<>();
    private final Set<RequestType> requestTypes = EnumSet.noneOf(RequestType.class);
    private long characters;

    private GuardrailRequestText(ObjectNode tree) {
        this.tree = tree;
    }

    /** @throws ProxyError 400 when the body is not a JSON object (MessagesRequest.parse has already checked it) */
    static GuardrailRequestText of(byte[] body) {
        JsonNode root;
        try {
            root = ClientBodyJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw ProxyError.invalidRequest("request body is not valid JSON");
        }
        if (!(root instanceof ObjectNode object)) {
            throw ProxyError.invalidRequest("request body must be a JSON object");
        }
        GuardrailRequestText text = new GuardrailRequestText(object);
        text.collect();
        return text;
    }

    private void collect() {
        contentOf(tree, "system", "system");
        JsonNode tools = tree.get("tools");
        if (tools instanceof ArrayNode list && !list.isEmpty()) {
            requestTypes.add(RequestType.TOOL_USE);
        }
        if (tree.get("messages") instanceof ArrayNode messages) {
            for (int i = 0; i < messages.size(); i++) {
                if (messages.get(i) instanceof ObjectNode message) {
                    contentOf(message, "content", "messages[" + i + "].content");
                }
            }
        }
    }

    /** A string content, or an array of blocks: text blocks, tool results (whose content nests the same way). */
    private void contentOf(ObjectNode parent, String field, String source) {
        JsonNode content = parent.get(field);
        if (content == null) {
            return;
        }
        if (content.isTextual()) {
            add(parent, field, source);
        } else if (content instanceof ArrayNode blocks) {
            for (int i = 0; i < blocks.size(); i++) {
                if (blocks.get(i) instanceof ObjectNode block) {
                    block(block, source + "[" + i + "]");
                }
            }
        }
    }

    private void block(ObjectNode block, String source) {
        String type = block.path("type").asText("");
        switch (type) {
            case "text" -> {
                if (block.path("text").isTextual()) {
                    add(block, "text", source + ".text");
                }
            }
            case "tool_result" -> {
                requestTypes.add(RequestType.TOOL_USE);
                contentOf(block, "content", source + ".content");
            }
            case "tool_use", "server_tool_use" -> requestTypes.add(RequestType.TOOL_USE);
            case "image" -> requestTypes.add(RequestType.IMAGES);
            case "document" -> requestTypes.add(RequestType.DOCUMENTS);
            default -> {
            }
        }
    }

    private void add(ObjectNode parent, String field, String source) {
        String text = parent.get(field).asText();
        places.put(source, new Place(parent, field));
        spans.add(new TextSpan(source, text));
        characters += text.length();
    }

    List<TextSpan> spans() {
        return List.copyOf(spans);
    }

    Set<RequestType> requestTypes() {
        return Set.copyOf(requestTypes);
    }

    /** Characters of text in all spans: decides whether checks run inline or off the IO thread. */
    long characters() {
        return characters;
    }

    /** The body with each given span's text written back in its place; other bytes re-serialised unchanged. */
    byte[] rewrite(List<TextSpan> replacements) {
        for (TextSpan span : replacements) {
            Place place = places.get(span.source());
            if (place != null) {
                place.parent().put(place.field(), span.text());
            }
        }
        try {
            return ClientBodyJson.MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw ProxyError.api("could not rewrite the redacted request body");
        }
    }
}
