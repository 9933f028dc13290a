package io.turnpike.events.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.events.EventJson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A tenant's metadata standard: which request metadata fields are required, which values each field may take, and
 * what the proxy does with unknown fields, header attempts to change a key-bound field, and missing required
 * fields. Parsed once (patterns compiled) and immutable, so the proxy checks every request against the same
 * instance. The document shape (every member optional):
 * <pre>{@code
 * {"required": ["tenant","team","user","env"],
 *  "fields": {"user": {"pattern": "^[^@]+@acme\\.com$"}, "env": {"allowed_values": ["prod","staging","dev"]}},
 *  "unknown_fields": "allow" | "reject",
 *  "on_override": "enforce" | "refuse",
 *  "on_missing": "reject" | "default_from_key"}
 * }</pre>
 * Values are at most {@link #MAX_VALUE_LENGTH} characters. A pattern must match the whole value.
 */
public final class MetadataSchema {
    public static final int MAX_VALUE_LENGTH = 128;
    public static final List<String> DEFAULT_REQUIRED = List.of("tenant", "team", "user", "env");
    private static final Set<String> MEMBERS = Set.of("required", "fields", "unknown_fields", "on_override", "on_missing");
    private static final Set<String> FIELD_MEMBERS = Set.of("allowed_values", "pattern");
    private static final int MAX_FIELDS = 64;

    /** What happens when a header tries to change a field the key binds. */
    public enum OnOverride { ENFORCE, REFUSE }

    /** What happens when a required field is missing. */
    public enum OnMissing { REJECT, DEFAULT_FROM_KEY }

    /** What happens to a field that is neither required nor described. */
    public enum UnknownFields { ALLOW, REJECT }

    private record FieldRule(List<String> allowedValues, Pattern pattern) {
    }

    private final List<String> required;
    private final Map<String, FieldRule> fields;
    private final UnknownFields unknownFields;
    private final OnOverride onOverride;
    private final OnMissing onMissing;

    private MetadataSchema(List<String> required, Map<String, FieldRule> fields, UnknownFields unknownFields,
                           OnOverride onOverride, OnMissing onMissing) {
        this.required = required;
        this.fields = fields;
        this.unknownFields = unknownFields;
        this.onOverride = onOverride;
        this.onMissing = onMissing;
    }

    /** @throws MetadataSchemaException naming the first problem */
    public static MetadataSchema parse(String json) {
        JsonNode root;
        try {
            root = json == null ? null : EventJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new MetadataSchemaException("schema", "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new MetadataSchemaException("schema", "must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw new MetadataSchemaException(name, "unknown member; expected one of " + new TreeSet<>(MEMBERS));
            }
        }
        List<String> required = root.has("required") ? names(root.get("required"), "required") : DEFAULT_REQUIRED;
        Map<String, FieldRule> fields = fields(root.get("fields"));
        return new MetadataSchema(required, fields,
                choice(root, "unknown_fields", UnknownFields.class, UnknownFields.ALLOW),
                choice(root, "on_override", OnOverride.class, OnOverride.ENFORCE),
                choice(root, "on_missing", OnMissing.class, OnMissing.REJECT));
    }

    private static List<String> names(JsonNode node, String field) {
        if (!node.isArray()) {
            throw new MetadataSchemaException(field, "must be an array of field names");
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(text(node.get(i), field + "[" + i + "]"));
        }
        if (out.size() > MAX_FIELDS) {
            throw new MetadataSchemaException(field, "at most " + MAX_FIELDS + " fields");
        }
        return List.copyOf(out);
    }

    private static Map<String, FieldRule> fields(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new MetadataSchemaException("fields", "must be an object of field rules");
        }
        if (node.size() > MAX_FIELDS) {
            throw new MetadataSchemaException("fields", "at most " + MAX_FIELDS + " fields");
        }
        Map<String, FieldRule> rules = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = "fields." + entry.getKey();
            text(EventJson.mapper().getNodeFactory().textNode(entry.getKey()), path);
            JsonNode rule = entry.getValue();
            if (!rule.isObject()) {
                throw new MetadataSchemaException(path, "must be an object with allowed_values and/or pattern");
            }
            for (Iterator<String> names = rule.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!FIELD_MEMBERS.contains(name)) {
                    throw new MetadataSchemaException(path + "." + name, "unknown member; expected allowed_values or pattern");
                }
            }
            List<String> allowed = rule.has("allowed_values")
                    ? names(rule.get("allowed_values"), path + ".allowed_values") : null;
            if (allowed != null && allowed.isEmpty()) {
                throw new MetadataSchemaException(path + ".allowed_values", "must not be empty");
            }
            Pattern pattern = null;
            if (rule.has("pattern")) {
                String regex = text(rule.get("pattern"), path + ".pattern");
                try {
                    pattern = Pattern.compile(regex);
                } catch (PatternSyntaxException e) {
                    throw new MetadataSchemaException(path + ".pattern", "not a valid regular expression ("
                            + e.getDescription() + ")");
                }
            }
            rules.put(entry.getKey(), new FieldRule(allowed, pattern));
        }
        return Collections.unmodifiableMap(rules);
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new MetadataSchemaException(field, "must be a non-empty string");
        }
        if (node.asText().length() > MAX_VALUE_LENGTH * 4) {
            throw new MetadataSchemaException(field, "must be at most " + MAX_VALUE_LENGTH * 4 + " characters");
        }
        return node.asText();
    }

    private static <E extends Enum<E>> E choice(JsonNode root, String field, Class<E> type, E fallback) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String spelled = constant.name().toLowerCase(Locale.ROOT);
            allowed.add(spelled);
            if (node.isTextual() && node.asText().equals(spelled)) {
                return constant;
            }
        }
        throw new MetadataSchemaException(field, "must be one of " + String.join(", ", allowed));
    }

    public List<String> required() {
        return required;
    }

    public UnknownFields unknownFields() {
        return unknownFields;
    }

    public OnOverride onOverride() {
        return onOverride;
    }

    public OnMissing onMissing() {
        return onMissing;
    }

    /** Required fields absent (or blank) in {@code metadata}, in the schema's order. */
    public List<String> missing(Map<String, String> metadata) {
        List<String> missing = new ArrayList<>();
        for (String field : required) {
            String value = metadata.get(field);
            if (value == null || value.isBlank()) {
                missing.add(field);
            }
        }
        return missing;
    }

    /**
     * Every problem with the present fields, one message per field naming it: too long, not an allowed value,
     * not matching the pattern, or unknown when unknown fields are rejected. Empty when the metadata conforms.
     */
    public List<String> violations(Map<String, String> metadata) {
        List<String> problems = new ArrayList<>();
        metadata.forEach((field, value) -> {
            FieldRule rule = fields.get(field);
            if (rule == null && unknownFields == UnknownFields.REJECT && !required.contains(field)) {
                problems.add(field + ": unknown field");
            } else if (value.length() > MAX_VALUE_LENGTH) {
                problems.add(field + ": longer than " + MAX_VALUE_LENGTH + " characters");
            } else if (rule != null && rule.allowedValues() != null && !rule.allowedValues().contains(value)) {
                problems.add(field + ": must be one of " + String.join(", ", rule.allowedValues()));
            } else if (rule != null && rule.pattern() != null && !rule.pattern().matcher(value).matches()) {
                problems.add(field + ": must match " + rule.pattern().pattern());
            }
        });
        return problems;
    }

    /** The normalised document (defaults filled in), for admins to read back. */
    public ObjectNode toJson() {
        ObjectNode root = EventJson.mapper().createObjectNode();
        ArrayNode requiredNode = root.putArray("required");
        required.forEach(requiredNode::add);
        ObjectNode fieldsNode = root.putObject("fields");
        fields.forEach((name, rule) -> {
            ObjectNode ruleNode = fieldsNode.putObject(name);
            if (rule.allowedValues() != null) {
                ArrayNode values = ruleNode.putArray("allowed_values");
                rule.allowedValues().forEach(values::add);
            }
            if (rule.pattern() != null) {
                ruleNode.put("pattern", rule.pattern().pattern());
            }
        });
        root.put("unknown_fields", unknownFields.name().toLowerCase(Locale.ROOT));
        root.put("on_override", onOverride.name().toLowerCase(Locale.ROOT));
        root.put("on_missing", onMissing.name().toLowerCase(Locale.ROOT));
        return root;
    }
}
