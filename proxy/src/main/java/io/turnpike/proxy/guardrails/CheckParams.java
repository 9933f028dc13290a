package io.turnpike.proxy.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Typed reads of a check's {@code parameters} with errors that name {@code <type>.<field>}. */
final class CheckParams {
    private final String type;
    private final JsonNode node;

    CheckParams(String type, JsonNode node) {
        this.type = type;
        this.node = node == null || node.isNull() ? NullNode.getInstance() : node;
        if (!this.node.isNull() && !this.node.isObject()) {
            throw fail(null, "must be an object");
        }
    }

    GuardrailDefinitionException fail(String field, String problem) {
        return new GuardrailDefinitionException(type + (field == null ? "" : "." + field) + ": " + problem);
    }

    /** The first of the names present (a Portkey name and ours may both be accepted), or null. */
    private JsonNode first(String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull()) {
                return value;
            }
        }
        return null;
    }

    String requiredString(String... names) {
        JsonNode value = first(names);
        if (value == null) {
            throw fail(names[0], "is required");
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw fail(names[0], "must be a non-empty string");
        }
        return value.asText();
    }

    String optionalString(String defaultValue, String... names) {
        JsonNode value = first(names);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isTextual()) {
            throw fail(names[0], "must be a string");
        }
        return value.asText();
    }

    boolean optionalBoolean(boolean defaultValue, String... names) {
        JsonNode value = first(names);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw fail(names[0], "must be true or false");
        }
        return value.booleanValue();
    }

    /** A non-negative integer, or null when absent. */
    Long optionalCount(String... names) {
        JsonNode value = first(names);
        if (value == null) {
            return null;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 0) {
            throw fail(names[0], "must be a non-negative integer");
        }
        return value.longValue();
    }

    List<String> requiredStrings(String... names) {
        JsonNode value = first(names);
        if (value == null) {
            throw fail(names[0], "is required");
        }
        List<String> strings = strings(value, names[0]);
        if (strings.isEmpty()) {
            throw fail(names[0], "must not be empty");
        }
        return strings;
    }

    List<String> optionalStrings(String... names) {
        JsonNode value = first(names);
        return value == null ? List.of() : strings(value, names[0]);
    }

    private List<String> strings(JsonNode value, String field) {
        if (!value.isArray()) {
            throw fail(field, "must be an array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || item.asText().isEmpty()) {
                throw fail(field + "[" + i + "]", "must be a non-empty string");
            }
            strings.add(item.asText());
        }
        return strings;
    }

    <T> T parse(String field, String raw, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw fail(field, e.getMessage());
        }
    }

    /** Rejects fields no check reads, so a typo ({@code "maxWord"}) is an error rather than a silent default. */
    void allowOnly(Set<String> known) {
        var names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw fail(name, "unknown parameter (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }
}
