package io.turnpike.events.guardrails;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table of parameter names: for each check type, every parameter it takes under its canonical camelCase
 * name, and the other spellings accepted for it (Portkey's names and the snake_case ones). The admin document
 * validator and the proxy's check builder both read this table, so a name one accepts the other accepts too; a
 * document is stored with the canonical names. Every type also takes {@link #NOT}.
 */
public final class CheckParameters {
    /** Inverts the check; accepted inside the parameters as Portkey writes it, beside the check's own {@code not}. */
    public static final String NOT = "not";
    /** Portkey's prefix for its built-in checks; {@code default.regexMatch} is {@code regexMatch}. */
    public static final String DEFAULT_NAMESPACE = "default.";

    /** One parameter: the canonical name, then the other spellings accepted for it. */
    public record Parameter(String name, List<String> aliases) {
        public Parameter {
            aliases = List.copyOf(aliases);
        }

        /** The canonical name first, then the aliases. */
        public List<String> spellings() {
            List<String> all = new ArrayList<>(aliases.size() + 1);
            all.add(name);
            all.addAll(aliases);
            return all;
        }
    }

    private static final Map<String, String> TYPE_ALIASES = Map.of(
            "contains", GuardrailCheck.WORD_LIST,
            "modelWhitelist", GuardrailCheck.MODEL_ALLOW_LIST);

    private static final Map<String, List<Parameter>> BY_TYPE = table();

    private CheckParameters() {
    }

    private static Map<String, List<Parameter>> table() {
        Parameter mode = p("mode", "operator");
        Map<String, List<Parameter>> table = new LinkedHashMap<>();
        table.put(GuardrailCheck.REGEX_MATCH, List.of(p("pattern", "rule"), p("flags"), p("timeoutMs", "timeout_ms")));
        table.put(GuardrailCheck.WORD_LIST, List.of(p("words"), mode, p("caseInsensitive", "case_insensitive"),
                p("wholeWord", "whole_word")));
        table.put(GuardrailCheck.CHARACTER_COUNT, List.of(p("min", "minCharacters"), p("max", "maxCharacters")));
        table.put(GuardrailCheck.WORD_COUNT, List.of(p("min", "minWords"), p("max", "maxWords")));
        table.put(GuardrailCheck.SENTENCE_COUNT, List.of(p("min", "minSentences"), p("max", "maxSentences")));
        table.put(GuardrailCheck.MODEL_ALLOW_LIST, List.of(p("models")));
        table.put(GuardrailCheck.METADATA_MODEL_RULES, List.of(p("rules")));
        table.put(GuardrailCheck.REQUIRED_METADATA_KEYS, List.of(p("keys", "metadataKeys", "metadata_keys"), mode));
        table.put(GuardrailCheck.ALLOWED_REQUEST_TYPES, List.of(p("allowed", "allowedTypes", "allowed_types", "types"),
                p("blocked", "blockedTypes", "blocked_types")));
        table.put(GuardrailCheck.JSON_KEYS, List.of(p("keys"), mode));
        table.put(GuardrailCheck.JSON_SCHEMA, List.of(p("schema")));
        table.put(GuardrailCheck.PII, List.of(p("categories"), p("redact")));
        table.put(GuardrailCheck.PROMPT_INJECTION, List.of(p("rules")));
        table.put(GuardrailCheck.WEBHOOK, List.of(p("url", "webhookURL", "webhook_url"), p("headers"),
                p("timeoutMs", "timeout_ms", "timeout")));
        if (!table.keySet().containsAll(GuardrailCheck.TYPES) || table.size() != GuardrailCheck.TYPES.size()) {
            throw new IllegalStateException("the parameter table must name every check type exactly once");
        }
        return Map.copyOf(table);
    }

    private static Parameter p(String name, String... aliases) {
        return new Parameter(name, List.of(aliases));
    }

    /**
     * The canonical type for a type as written: ours, Portkey's ({@code contains}, {@code modelWhitelist}), either
     * with the {@code default.} prefix. Null when unknown.
     */
    public static String canonicalType(String written) {
        if (written == null) {
            return null;
        }
        String name = written.startsWith(DEFAULT_NAMESPACE) ? written.substring(DEFAULT_NAMESPACE.length()) : written;
        String canonical = TYPE_ALIASES.getOrDefault(name, name);
        return BY_TYPE.containsKey(canonical) ? canonical : null;
    }

    /** Portkey's type names and the canonical types they stand for. */
    public static Map<String, String> typeAliases() {
        return TYPE_ALIASES;
    }

    /** The parameters of a canonical type, in documentation order ({@link #NOT} not included). */
    public static List<Parameter> of(String type) {
        List<Parameter> parameters = BY_TYPE.get(type);
        if (parameters == null) {
            throw new IllegalArgumentException("unknown check type " + type);
        }
        return parameters;
    }

    /** The parameter a spelling stands for, or null when the type takes no such parameter. */
    public static Parameter find(String type, String spelling) {
        for (Parameter parameter : of(type)) {
            if (parameter.name().equals(spelling) || parameter.aliases().contains(spelling)) {
                return parameter;
            }
        }
        return null;
    }

    /** Every spelling a type accepts, {@link #NOT} included: for "unknown parameter" messages. */
    public static List<String> spellings(String type) {
        List<String> all = new ArrayList<>();
        of(type).forEach(parameter -> all.addAll(parameter.spellings()));
        all.add(NOT);
        return all;
    }
}
