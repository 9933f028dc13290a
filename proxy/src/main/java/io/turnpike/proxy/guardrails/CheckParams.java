package io.turnpike.proxy.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import io.turnpike.events.guardrails.CheckParameters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Typed reads of a check's parameters with errors that name {@code <type>.<field>}. Parameters are resolved through
 * the shared name table ({@link CheckParameters}): any accepted spelling, once; anything else is an error, so a
 * typo ({@code "maxWord"}) is never a silent default. Reads take the canonical name; errors use the name as written.
 */
final class CheckParams {
    static final int MAX_LIST = 1_000;

    private final String type;
    /** Canonical name → the spelling written; JSON null counts as absent. */
    private final Map<String, String> spellings = new HashMap<>();
    private final Map<String, JsonNode> values = new HashMap<>();
    private JsonNode not;

    /**
     * @param canonicalType the type as {@link CheckParameters} knows it
     * @param writtenType   the type as written (without {@code default.}), for messages
     */
    CheckParams(String canonicalType, String writtenType, JsonNode node) {
        this.type = writtenType;
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw fail(null, "must be an object");
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var member = fields.next();
            String spelling = member.getKey();
            if (spelling.equals(CheckParameters.NOT)) {
                not = member.getValue();
                continue;
            }
            CheckParameters.Parameter parameter = CheckParameters.find(canonicalType, spelling);
            if (parameter == null) {
                throw failAt(spelling, "unknown parameter (known: "
                        + String.join(", ", CheckParameters.spellings(canonicalType)) + ")");
            }
            String earlier = spellings.putIfAbsent(parameter.name(), spelling);
            if (earlier != null) {
                throw failAt(spelling, "the same parameter as \"" + earlier + "\"; give only one of them");
            }
            if (!member.getValue().isNull()) {
                values.put(parameter.name(), member.getValue());
            }
        }
    }

    /** An error about a parameter named canonically (or the whole parameters when null). */
    GuardrailDefinitionException fail(String name, String problem) {
        return failAt(name == null ? null : written(name), problem);
    }

    /** An error about a path as written, e.g. {@code words[1]}. */
    GuardrailDefinitionException failAt(String path, String problem) {
        return new GuardrailDefinitionException(type + (path == null ? "" : "." + path) + ": " + problem);
    }

    /** The spelling written for a canonical name, or the name itself. */
    String written(String name) {
        return spellings.getOrDefault(name, name);
    }

    /** The raw value, or null when absent. */
    JsonNode get(String name) {
        return values.get(name);
    }

    boolean not() {
        if (not == null || not.isNull()) {
            return false;
        }
        if (!not.isBoolean()) {
            throw failAt(CheckParameters.NOT, "must be true or false");
        }
        return not.booleanValue();
    }

    String requiredString(String name) {
        JsonNode value = get(name);
        if (value == null) {
            throw fail(name, "is required");
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw fail(name, "must be a non-empty string");
        }
        return value.asText();
    }

    String optionalString(String defaultValue, String name) {
        JsonNode value = get(name);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isTextual()) {
            throw fail(name, "must be a string");
        }
        return value.asText();
    }

    boolean optionalBoolean(boolean defaultValue, String name) {
        JsonNode value = get(name);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw fail(name, "must be true or false");
        }
        return value.booleanValue();
    }

    /** A non-negative integer, or null when absent. */
    Long optionalCount(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 0) {
            throw fail(name, "must be a non-negative integer");
        }
        return value.longValue();
    }

    /** A non-empty array of non-empty strings (at most {@link #MAX_LIST}). */
    List<String> requiredStrings(String name) {
        if (get(name) == null) {
            throw fail(name, "is required");
        }
        return optionalStrings(name);
    }

    /** Like {@link #requiredStrings}, or an empty list when absent. */
    List<String> optionalStrings(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw fail(name, "must be an array of strings");
        }
        if (value.isEmpty()) {
            throw fail(name, "must not be empty");
        }
        if (value.size() > MAX_LIST) {
            throw fail(name, "must have at most " + MAX_LIST + " entries");
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || item.asText().isEmpty()) {
                throw failAt(written(name) + "[" + i + "]", "must be a non-empty string");
            }
            strings.add(item.asText());
        }
        return strings;
    }

    /** Each string of the list parsed, errors naming the entry ({@code categories[2]}). */
    <T> List<T> parseEach(String name, List<String> raw, Function<String, T> parser) {
        List<T> parsed = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            try {
                parsed.add(parser.apply(raw.get(i)));
            } catch (IllegalArgumentException e) {
                throw failAt(written(name) + "[" + i + "]", e.getMessage());
            }
        }
        return parsed;
    }

    <T> T parse(String name, String raw, Function<String, T> parser) {
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw fail(name, e.getMessage());
        }
    }
}
