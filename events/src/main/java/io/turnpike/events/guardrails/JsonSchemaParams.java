package io.turnpike.events.guardrails;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code jsonSchema} check's {@code schema}: its shape only, because this module depends on nothing but Jackson.
 * It must be an object of at most {@link #MAX_CHARACTERS} characters, name a supported dialect in {@code $schema}
 * (if any; 2020-12 otherwise), and refer only within itself ({@code $ref} starting with {@code #}: the proxy works
 * offline and never fetches a schema). Whether it compiles is the proxy's to say, when it builds the check.
 */
public final class JsonSchemaParams {
    public static final int MAX_CHARACTERS = 32 * 1024;
    /** The dialects the proxy validates, each also accepted with a trailing {@code #}. */
    public static final List<String> DIALECTS = List.of("https://json-schema.org/draft/2020-12/schema",
            "https://json-schema.org/draft/2019-09/schema", "http://json-schema.org/draft-07/schema",
            "http://json-schema.org/draft-06/schema", "http://json-schema.org/draft-04/schema");

    private JsonSchemaParams() {
    }

    static void validate(JsonNode schema, String path) {
        if (schema == null || !schema.isObject()) {
            throw new GuardrailDocumentException(path, "required: a JSON Schema object");
        }
        if (schema.toString().length() > MAX_CHARACTERS) {
            throw new GuardrailDocumentException(path, "at most " + MAX_CHARACTERS + " characters");
        }
        JsonNode dialect = schema.get("$schema");
        if (dialect != null && (!dialect.isTextual() || dialect(dialect.asText()) == null)) {
            throw new GuardrailDocumentException(path + ".$schema", "must be one of " + DIALECTS);
        }
        references(schema, path);
    }

    /** The supported dialect a {@code $schema} value names, without a trailing {@code #}; null when unsupported. */
    public static String dialect(String value) {
        String bare = value.endsWith("#") ? value.substring(0, value.length() - 1) : value;
        return DIALECTS.contains(bare) ? bare : null;
    }

    private static void references(JsonNode node, String path) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String here = path + "." + field.getKey();
                boolean reference = field.getKey().equals("$ref") || field.getKey().equals("$dynamicRef")
                        || field.getKey().equals("$recursiveRef");
                if (reference && (!field.getValue().isTextual() || !field.getValue().asText().startsWith("#"))) {
                    throw new GuardrailDocumentException(here, "only references within the schema (\"#…\") are "
                            + "supported; schemas are never fetched");
                }
                references(field.getValue(), here);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                references(node.get(i), path + "[" + i + "]");
            }
        }
    }
}
