package io.turnpike.proxy.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.proxy.wire.ProxyError;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the {@code x-turnpike-metadata} header (alias {@code x-portkey-metadata}): a JSON object of string
 * values. Refusals say exactly what is wrong, since the sender is usually a person editing a settings file.
 */
final class MetadataHeader {
    static final String NAME = "x-turnpike-metadata";
    static final String ALIAS = "x-portkey-metadata";

    private static final ObjectMapper JSON = new ObjectMapper();

    private MetadataHeader() {
    }

    /** @throws ProxyError 400 when the header is not a JSON object of string values */
    static Map<String, String> parse(String headerName, String value) {
        if (value == null || value.isBlank()) {
            return Map.of();
        }
        String problemPrefix = headerName + " must be a JSON object of string values: ";
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw ProxyError.invalidRequest(problemPrefix + "not valid JSON (" + e.getOriginalMessage()
                    + " at column " + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw ProxyError.invalidRequest(problemPrefix + "got " + describe(root));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual()) {
                throw ProxyError.invalidRequest(problemPrefix + "value of \"" + field.getKey() + "\" is "
                        + describe(field.getValue()));
            }
            fields.put(field.getKey(), field.getValue().textValue());
        }
        return Collections.unmodifiableMap(fields);
    }

    /** Header fields first, then the key's bound fields overwrite them: an admin's binding beats a client's claim. */
    static Map<String, String> effective(Map<String, String> fromHeader, Map<String, String> boundToKey) {
        Map<String, String> merged = new LinkedHashMap<>(fromHeader);
        merged.putAll(boundToKey);
        return Collections.unmodifiableMap(merged);
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case NUMBER -> "a number";
            case OBJECT -> "an object";
            case STRING -> "a string";
            default -> "a " + node.getNodeType().name().toLowerCase();
        };
    }
}
