package io.turnpike.proxy.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * A Messages API request body, treated as opaque bytes: only {@code model}, {@code stream} and {@code max_tokens} are
 * read (with a streaming parser that skips everything else), and the original bytes are forwarded untouched unless
 * the route overrides parameters. {@code maxTokens} is null unless the body has an integer {@code max_tokens} (the
 * upstream judges the rest); budgets use it for the worst case.
 */
public record MessagesRequest(byte[] body, String model, boolean stream, Long maxTokens) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    /** @throws ProxyError 400 when the body is not a JSON object with a string {@code model} */
    public static MessagesRequest parse(byte[] body) {
        if (body.length == 0) {
            throw ProxyError.invalidRequest("request body is empty: expected a JSON object with a \"model\"");
        }
        String model = null;
        boolean stream = false;
        Long maxTokens = null;
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ProxyError.invalidRequest("request body must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("model".equals(name)) {
                    if (value != JsonToken.VALUE_STRING) {
                        throw ProxyError.invalidRequest("model: must be a string");
                    }
                    model = parser.getText();
                } else if ("stream".equals(name)) {
                    if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE
                            && value != JsonToken.VALUE_NULL) {
                        throw ProxyError.invalidRequest("stream: must be a boolean");
                    }
                    stream = value == JsonToken.VALUE_TRUE;
                } else if ("max_tokens".equals(name) && value == JsonToken.VALUE_NUMBER_INT
                        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    maxTokens = parser.getLongValue();
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw ProxyError.invalidRequest("request body has trailing content after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw ProxyError.invalidRequest("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ProxyError.invalidRequest("request body could not be read: " + e.getMessage());
        }
        if (model == null || model.isBlank()) {
            throw ProxyError.invalidRequest("model: field required");
        }
        return new MessagesRequest(body, model, stream, maxTokens);
    }

    /**
     * Applies a route's {@code override_params}. Rewrites through a Jackson tree: {@link ObjectNode} keeps field
     * order, so unknown fields survive in place.
     */
    public MessagesRequest withOverrides(ObjectNode overrides) {
        if (overrides == null || overrides.isEmpty()) {
            return this;
        }
        try {
            ObjectNode tree = (ObjectNode) ClientBodyJson.MAPPER.readTree(body);
            for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> override = it.next();
                tree.set(override.getKey(), override.getValue().deepCopy());
            }
            return parse(ClientBodyJson.MAPPER.writeValueAsBytes(tree));
        } catch (IOException e) {
            throw ProxyError.invalidRequest("request body could not be rewritten: " + e.getMessage());
        }
    }
}
