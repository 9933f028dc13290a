package io.turnpike.proxy.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The input the {@code mock} provider writes for a forced tool: every required property of the tool's
 * {@code input_schema} with a fixed placeholder of its type, so clients can parse and validate the call and tests
 * can predict it. Only what a caller must send is filled; optional properties stay out, as a terse model would.
 */
final class MockToolInput {
    static final String STRING = "mock";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MockToolInput() {
    }

    static ObjectNode from(JsonNode inputSchema) {
        ObjectNode input = JSON.createObjectNode();
        JsonNode properties = inputSchema.path("properties");
        for (JsonNode required : inputSchema.path("required")) {
            String name = required.asText();
            input.set(name, placeholder(properties.path(name)));
        }
        return input;
    }

    /** A value of the property's type: its first {@code enum} value when it has one, so the value is valid. */
    private static JsonNode placeholder(JsonNode property) {
        JsonNode allowed = property.path("enum");
        if (allowed.isArray() && !allowed.isEmpty()) {
            return allowed.get(0);
        }
        return switch (type(property.path("type"))) {
            case "number", "integer" -> JSON.getNodeFactory().numberNode(1);
            case "boolean" -> JSON.getNodeFactory().booleanNode(true);
            case "array" -> JSON.createArrayNode();
            case "object" -> JSON.createObjectNode();
            case "null" -> JSON.nullNode();
            default -> JSON.getNodeFactory().textNode(STRING);
        };
    }

    /** The schema's type; of a union such as {@code ["string","null"]}, the first that is not {@code null}. */
    private static String type(JsonNode type) {
        if (type.isArray()) {
            for (JsonNode member : type) {
                if (!"null".equals(member.asText())) {
                    return member.asText();
                }
            }
            return type.isEmpty() ? "" : "null";
        }
        return type.asText();
    }
}
