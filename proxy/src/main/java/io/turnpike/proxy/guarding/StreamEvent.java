package io.turnpike.proxy.guarding;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * What output guardrails need of one Messages stream event's {@code data}: its {@code type}, block {@code index},
 * the type of the block or delta it carries and that part's text ({@code text}, {@code partial_json} or
 * {@code thinking}). Read with a streaming parser, without building a tree: this runs for every delta.
 *
 * @param index    the block index, -1 when the event has none
 * @param partType {@code content_block.type} or {@code delta.type}; null when absent
 * @param text     the part's text, "" when it has none
 */
record StreamEvent(String type, int index, String partType, String text) {
    private static final JsonFactory JSON = new JsonFactory();

    /** The event, or null when {@code data} is not a JSON object. */
    static StreamEvent parse(String data) {
        if (data == null || data.isEmpty()) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String type = null;
            int index = -1;
            String[] part = {null, ""};
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "index" -> index = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : -1;
                    case "delta", "content_block" -> readPart(parser, value, part);
                    default -> parser.skipChildren();
                }
            }
            return new StreamEvent(type == null ? "" : type, index, part[0], part[1]);
        } catch (IOException e) {
            return null;
        }
    }

    private static void readPart(JsonParser parser, JsonToken value, String[] part) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if (token == JsonToken.VALUE_STRING && field.equals("type")) {
                part[0] = parser.getText();
            } else if (token == JsonToken.VALUE_STRING
                    && (field.equals("text") || field.equals("partial_json") || field.equals("thinking"))) {
                part[1] = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
    }
}
