package io.turnpike.events.guardrails;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code metadataModelRules} check's {@code rules}: a non-empty array (at most {@link #MAX_RULES}) of
 * {@code {"when": {key: value | [values…]}, "models": [model or prefix*…]}}. An empty {@code when} matches every
 * request, so it can close the list as a default.
 */
final class MetadataModelRulesParams {
    static final int MAX_RULES = 100;
    private static final Set<String> MEMBERS = Set.of("when", "models");

    private MetadataModelRulesParams() {
    }

    static void validate(JsonNode rules, String path) {
        if (rules == null || !rules.isArray() || rules.isEmpty()) {
            throw new GuardrailDocumentException(path, "required: a non-empty array of {\"when\", \"models\"} rules");
        }
        if (rules.size() > MAX_RULES) {
            throw new GuardrailDocumentException(path, "at most " + MAX_RULES + " rules");
        }
        for (int i = 0; i < rules.size(); i++) {
            rule(rules.get(i), path + "[" + i + "]");
        }
    }

    private static void rule(JsonNode rule, String path) {
        if (!rule.isObject()) {
            throw new GuardrailDocumentException(path, "must be an object with \"when\" and \"models\"");
        }
        for (Iterator<String> names = rule.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw new GuardrailDocumentException(path + "." + name, "unknown member; expected one of "
                        + new TreeSet<>(MEMBERS));
            }
        }
        JsonNode when = rule.get("when");
        if (when == null || !when.isObject()) {
            throw new GuardrailDocumentException(path + ".when", "required: an object of metadata keys to a string "
                    + "or an array of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = when.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> condition = fields.next();
            String here = path + ".when." + condition.getKey();
            JsonNode value = condition.getValue();
            if (value.isArray()) {
                if (value.isEmpty()) {
                    throw new GuardrailDocumentException(here, "must be a string or a non-empty array of strings");
                }
                for (int i = 0; i < value.size(); i++) {
                    if (!value.get(i).isTextual()) {
                        throw new GuardrailDocumentException(here + "[" + i + "]", "must be a string");
                    }
                }
            } else if (!value.isTextual()) {
                throw new GuardrailDocumentException(here, "must be a string or a non-empty array of strings");
            }
        }
        JsonNode models = rule.get("models");
        if (models == null || !models.isArray() || models.isEmpty()) {
            throw new GuardrailDocumentException(path + ".models", "required: a non-empty array of model names "
                    + "(a trailing * matches a prefix)");
        }
        for (int i = 0; i < models.size(); i++) {
            if (!models.get(i).isTextual() || models.get(i).asText().isEmpty()) {
                throw new GuardrailDocumentException(path + ".models[" + i + "]", "must be a non-empty string");
            }
        }
    }
}
