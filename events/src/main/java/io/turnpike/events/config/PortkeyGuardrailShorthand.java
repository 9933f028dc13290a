package io.turnpike.events.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.events.guardrails.GuardrailCheck;
import io.turnpike.events.guardrails.GuardrailDocument;
import io.turnpike.events.guardrails.GuardrailDocumentException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads one inline guardrail written in Portkey's shorthand, e.g. {@code {"default.regexMatch":{"rule":"…",
 * "not":true},"deny":true}}, into a {@link GuardrailDocument}. As in Portkey, the control keys ({@code deny},
 * {@code async}, …) are taken out first and every other key is a check: its name is the check id (without a
 * namespace it means {@code default.}), its value the check's parameters. Portkey's parameter names are renamed to
 * Turnpike's ({@code rule}→{@code pattern}, {@code minWords}→{@code min}, {@code operator}→{@code mode}, …) and
 * {@code not} becomes the check's own {@code not}. Both sides state a check as the condition that should hold, so
 * verdicts keep their meaning. A Turnpike check type may also be written by its own name with Turnpike parameters.
 */
final class PortkeyGuardrailShorthand {
    private static final String DEFAULT_NAMESPACE = "default.";
    /** Portkey hook options with no Turnpike meaning: accepted so pasted configs load, reported as warnings. */
    private static final Set<String> IGNORED_OPTIONS = Set.of("on_fail", "on_success", "sequential",
            "guardrail_version_id", "id", "type");

    /** A Portkey {@code default.*} check: the Turnpike type it becomes and how its parameters are renamed. */
    private record Mapping(String type, Map<String, String> renames) {
    }

    private static final Map<String, Mapping> PORTKEY_CHECKS = Map.of(
            "regexMatch", new Mapping(GuardrailCheck.REGEX_MATCH, Map.of("rule", "pattern")),
            "wordCount", new Mapping(GuardrailCheck.WORD_COUNT, Map.of("minWords", "min", "maxWords", "max")),
            "characterCount", new Mapping(GuardrailCheck.CHARACTER_COUNT,
                    Map.of("minCharacters", "min", "maxCharacters", "max")),
            "sentenceCount", new Mapping(GuardrailCheck.SENTENCE_COUNT,
                    Map.of("minSentences", "min", "maxSentences", "max")),
            "jsonKeys", new Mapping(GuardrailCheck.JSON_KEYS, Map.of("operator", "mode")),
            "contains", new Mapping(GuardrailCheck.WORD_LIST, Map.of("operator", "mode")),
            "modelWhitelist", new Mapping(GuardrailCheck.MODEL_ALLOW_LIST, Map.of()),
            "requiredMetadataKeys", new Mapping(GuardrailCheck.REQUIRED_METADATA_KEYS,
                    Map.of("metadataKeys", "keys", "operator", "mode")));

    private PortkeyGuardrailShorthand() {
    }

    /** The Portkey check names this reads, without their {@code default.} namespace. */
    static Set<String> portkeyCheckNames() {
        return PORTKEY_CHECKS.keySet();
    }

    /**
     * @param item   the shorthand object
     * @param path   its JSON path, e.g. {@code targets[0].input_guardrails[1]}; errors and warnings are under it
     * @param output whether it sits in {@code output_guardrails} (else {@code input_guardrails})
     * @param warn   receives (path, message) for options that are accepted but have no effect
     * @throws ConfigValidationException for the first problem
     */
    static GuardrailDocument parse(JsonNode item, String path, boolean output, BiConsumer<String, String> warn) {
        boolean deny = flag(item, "deny", path);
        boolean async = flag(item, "async", path);
        if (async && deny) {
            warn.accept(path + ".async", "an async guardrail never blocks (as in Portkey); \"deny\" is ignored and "
                    + "the guardrail only warns");
        }
        ArrayNode checks = JsonNodeFactory.instance.arrayNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = item.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (key.equals("deny") || key.equals("async")) {
                continue;
            }
            if (IGNORED_OPTIONS.contains(key)) {
                warn.accept(path + "." + key, "Portkey hook option; kept in the document but ignored by Turnpike");
                continue;
            }
            checks.add(check(key, field.getValue(), path + "." + key));
        }
        if (checks.isEmpty()) {
            throw new ConfigValidationException(path, "names no check; write e.g. "
                    + "{\"default.regexMatch\":{\"rule\":\"…\"},\"deny\":true} or a guardrail id");
        }
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("id", inlineId(path));
        document.put("name", inlineName(path));
        document.set("checks", checks);
        document.put("action", deny && !async ? "deny" : "warn");
        document.put("applies_to", output ? "output" : "input");
        try {
            return GuardrailDocument.parse(document);
        } catch (GuardrailDocumentException e) {
            // Per-check problems were reported above; what is left concerns the guardrail as a whole.
            throw new ConfigValidationException(path, e.reason());
        }
    }

    private static boolean flag(JsonNode item, String key, String path) {
        JsonNode value = item.get(key);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new ConfigValidationException(path + "." + key, "must be true or false");
        }
        return value.booleanValue();
    }

    /** One check as the guardrail document writes it: {@code {"type","params","not"}}. */
    private static ObjectNode check(String key, JsonNode params, String path) {
        Mapping mapping = mapping(key, path);
        if (params != null && !params.isNull() && !params.isObject()) {
            throw new ConfigValidationException(path, "must be an object of the check's parameters");
        }
        ObjectNode renamed = JsonNodeFactory.instance.objectNode();
        Map<String, String> writtenAs = new HashMap<>();
        boolean not = false;
        if (params != null && params.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = params.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> param = fields.next();
                String name = param.getKey();
                if (name.equals("not")) {
                    if (!param.getValue().isBoolean()) {
                        throw new ConfigValidationException(path + ".not", "must be true or false");
                    }
                    not = param.getValue().booleanValue();
                    continue;
                }
                String turnpikeName = mapping.renames().getOrDefault(name, name);
                String earlier = writtenAs.putIfAbsent(turnpikeName, name);
                if (earlier != null) {
                    throw new ConfigValidationException(path + "." + name,
                            "the same parameter as \"" + earlier + "\"; give only one of them");
                }
                renamed.set(turnpikeName, param.getValue());
            }
        }
        GuardrailCheck check;
        try {
            check = GuardrailCheck.of(mapping.type(), renamed, not, "check");
        } catch (GuardrailDocumentException e) {
            throw new ConfigValidationException(paramPath(e.field(), path, mapping, writtenAs), e.reason());
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", check.type());
        node.set("params", check.params());
        node.put("not", check.not());
        return node;
    }

    private static Mapping mapping(String key, String path) {
        String name = key.startsWith(DEFAULT_NAMESPACE) ? key.substring(DEFAULT_NAMESPACE.length()) : key;
        if (name.contains(".")) {
            throw new ConfigValidationException(path, "only Portkey's default checks run in Turnpike (offline); "
                    + "define a guardrail through the admin API and attach it by id instead");
        }
        Mapping mapping = PORTKEY_CHECKS.get(name);
        if (mapping != null) {
            return mapping;
        }
        if (GuardrailCheck.TYPES.contains(name)) {
            return new Mapping(name, Map.of());
        }
        List<String> known = new ArrayList<>();
        PORTKEY_CHECKS.keySet().stream().sorted().forEach(n -> known.add(DEFAULT_NAMESPACE + n));
        known.addAll(GuardrailCheck.TYPES);
        throw new ConfigValidationException(path, "unknown check \"" + key + "\"; expected one of " + known);
    }

    /**
     * The document path of a parameter error from {@link GuardrailCheck#of}, whose field is
     * {@code check.params.<name>…}, written with the parameter name the author used (or Portkey's, when missing).
     */
    private static String paramPath(String field, String path, Mapping mapping, Map<String, String> writtenAs) {
        String prefix = "check.params.";
        if (!field.startsWith(prefix)) {
            return path;
        }
        String rest = field.substring(prefix.length());
        int end = 0;
        while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
            end++;
        }
        String turnpikeName = rest.substring(0, end);
        String authorName = writtenAs.get(turnpikeName);
        if (authorName == null) {
            authorName = mapping.renames().entrySet().stream().filter(e -> e.getValue().equals(turnpikeName))
                    .map(Map.Entry::getKey).sorted().findFirst().orElse(turnpikeName);
        }
        return path + "." + authorName + rest.substring(end);
    }

    /** {@code inline-<path>} in the guardrail id alphabet; a hash keeps very deep paths within the length limit. */
    static String inlineId(String path) {
        String id = GuardrailRef.INLINE_PREFIX + path.replace("[", ".").replace("]", "");
        if (GuardrailDocument.ID.matcher(id).matches()) {
            return id;
        }
        String hash = String.format("%08x", path.hashCode());
        String tail = id.substring(Math.max(GuardrailRef.INLINE_PREFIX.length(), id.length() - 40));
        return GuardrailRef.INLINE_PREFIX + hash + "." + tail.replaceAll("^[^a-z0-9]+", "");
    }

    private static String inlineName(String path) {
        String name = "inline guardrail at " + path;
        return name.length() <= GuardrailDocument.MAX_NAME ? name : name.substring(0, GuardrailDocument.MAX_NAME);
    }
}
