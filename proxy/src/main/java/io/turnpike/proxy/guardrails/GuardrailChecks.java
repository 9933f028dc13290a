package io.turnpike.proxy.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import io.turnpike.events.guardrails.CheckParameters;
import io.turnpike.events.guardrails.JsonSchemaParams;
import io.turnpike.events.guardrails.WebhookParams;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.PatternSyntaxException;

/**
 * Builds checks from their JSON definitions. {@code type} may carry Portkey's {@code default.} prefix and be
 * Portkey's name ({@code contains} = {@code wordList}, {@code modelWhitelist} = {@code modelAllowList}). Parameter
 * names come from the table shared with the admin document validator ({@link CheckParameters}): one canonical
 * camelCase name each, Portkey's and snake_case spellings accepted as aliases ({@code rule} = {@code pattern},
 * {@code operator} = {@code mode}, {@code minWords} = {@code min}, {@code case_insensitive}, …). Every check takes
 * {@code not} (boolean) to invert it. Unknown parameters are errors.
 */
public final class GuardrailChecks {
    /** The type names {@link #fromJson} builds: the admin document's, in its order. */
    public static final List<String> TYPES = io.turnpike.events.guardrails.GuardrailCheck.TYPES;

    private GuardrailChecks() {
    }

    /**
     * @throws GuardrailDefinitionException naming {@code <type>.<field>} and the problem
     */
    public static GuardrailCheck fromJson(String type, JsonNode params) {
        String canonical = CheckParameters.canonicalType(type);
        if (canonical == null) {
            throw new GuardrailDefinitionException("unknown check type \"" + type + "\" (known: "
                    + String.join(", ", TYPES) + ")");
        }
        String written = type.startsWith(CheckParameters.DEFAULT_NAMESPACE)
                ? type.substring(CheckParameters.DEFAULT_NAMESPACE.length()) : type;
        CheckParams p = new CheckParams(canonical, written, params);
        GuardrailCheck check = switch (canonical) {
            case RegexMatchCheck.TYPE -> regexMatch(p);
            case WordListCheck.TYPE -> new WordListCheck(p.requiredStrings("words"), mode(p, MatchMode.ANY),
                    p.optionalBoolean(true, "caseInsensitive"), p.optionalBoolean(true, "wholeWord"));
            case "characterCount" -> count(p, TextCountCheck.Unit.CHARACTERS);
            case "wordCount" -> count(p, TextCountCheck.Unit.WORDS);
            case "sentenceCount" -> count(p, TextCountCheck.Unit.SENTENCES);
            case ModelAllowListCheck.TYPE -> new ModelAllowListCheck(p.requiredStrings("models"));
            case MetadataModelRulesCheck.TYPE -> metadataModelRules(p);
            case RequiredMetadataKeysCheck.TYPE -> new RequiredMetadataKeysCheck(p.requiredStrings("keys"),
                    mode(p, MatchMode.ALL));
            case AllowedRequestTypesCheck.TYPE -> allowedRequestTypes(p);
            case JsonKeysCheck.TYPE -> new JsonKeysCheck(p.requiredStrings("keys"), mode(p, MatchMode.ANY));
            case JsonSchemaCheck.TYPE -> jsonSchema(p);
            case PiiCheck.TYPE -> new PiiCheck(enums(p, "categories", PiiCategory.class, PiiCategory::parse),
                    p.optionalBoolean(false, "redact"));
            case PromptInjectionCheck.TYPE -> new PromptInjectionCheck(enums(p, "rules", PromptInjectionRule.class,
                    PromptInjectionRule::parse));
            case WebhookCheck.TYPE -> webhook(p);
            default -> throw new IllegalStateException("no builder for check type " + canonical);
        };
        return p.not() ? check.negated() : check;
    }

    private static GuardrailCheck regexMatch(CheckParams p) {
        String pattern = p.requiredString("pattern");
        String flags = p.optionalString("", "flags");
        Long timeoutMs = p.optionalCount("timeoutMs");
        if (timeoutMs != null && (timeoutMs < 1 || timeoutMs > 1000)) {
            throw p.fail("timeoutMs", "must be between 1 and 1000");
        }
        Duration timeout = timeoutMs == null ? RegexMatchCheck.DEFAULT_TIMEOUT : Duration.ofMillis(timeoutMs);
        try {
            return RegexMatchCheck.compile(pattern, flags, timeout);
        } catch (PatternSyntaxException e) {
            throw p.fail("pattern", "is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        } catch (IllegalArgumentException e) {
            throw p.fail("flags", e.getMessage());
        }
    }

    private static GuardrailCheck count(CheckParams p, TextCountCheck.Unit unit) {
        Long min = p.optionalCount("min");
        Long max = p.optionalCount("max");
        if (min == null && max == null) {
            throw p.fail("min", "min or max is required");
        }
        if (min != null && max != null && min > max) {
            throw p.fail("min", "is above max");
        }
        return new TextCountCheck(unit, min, max);
    }

    private static GuardrailCheck allowedRequestTypes(CheckParams p) {
        Set<RequestType> allowed = requestTypes(p, "allowed");
        Set<RequestType> blocked = requestTypes(p, "blocked");
        if (allowed.isEmpty() && blocked.isEmpty()) {
            throw p.fail("allowed", "allowed or blocked is required");
        }
        return new AllowedRequestTypesCheck(allowed, blocked);
    }

    private static Set<RequestType> requestTypes(CheckParams p, String name) {
        return enums(p, name, RequestType.class, RequestType::parse);
    }

    /** An optional list of wire names as a set of constants; empty when absent. */
    private static <E extends Enum<E>> Set<E> enums(CheckParams p, String name, Class<E> type,
                                                    Function<String, E> parser) {
        Set<E> set = EnumSet.noneOf(type);
        set.addAll(p.parseEach(name, p.optionalStrings(name), parser));
        return set;
    }

    private static GuardrailCheck jsonSchema(CheckParams p) {
        JsonNode schema = p.get("schema");
        if (schema == null || !schema.isObject()) {
            throw p.fail("schema", "is required: a JSON Schema object");
        }
        if (schema.toString().length() > JsonSchemaParams.MAX_CHARACTERS) {
            throw p.fail("schema", "must be at most " + JsonSchemaParams.MAX_CHARACTERS + " characters");
        }
        String reference = nonLocalReference(schema, "");
        if (reference != null) {
            throw p.failAt(p.written("schema") + reference, "only references within the schema (\"#…\") are "
                    + "supported; schemas are never fetched");
        }
        JsonNode dialect = schema.get("$schema");
        if (dialect != null && (!dialect.isTextual() || JsonSchemaParams.dialect(dialect.asText()) == null)) {
            throw p.failAt(p.written("schema") + ".$schema", "must be one of " + JsonSchemaParams.DIALECTS);
        }
        try {
            return JsonSchemaCheck.compile(schema);
        } catch (IllegalArgumentException e) {
            throw p.fail("schema", e.getMessage());
        }
    }

    /** The path of the first {@code $ref} that leaves the schema, or null. */
    private static String nonLocalReference(JsonNode node, String path) {
        if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                String here = path + "." + field.getKey();
                boolean reference = field.getKey().equals("$ref") || field.getKey().equals("$dynamicRef")
                        || field.getKey().equals("$recursiveRef");
                if (reference && (!field.getValue().isTextual() || !field.getValue().asText().startsWith("#"))) {
                    return here;
                }
                String nested = nonLocalReference(field.getValue(), here);
                if (nested != null) {
                    return nested;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String nested = nonLocalReference(node.get(i), path + "[" + i + "]");
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    private static GuardrailCheck metadataModelRules(CheckParams p) {
        JsonNode rules = p.get("rules");
        String at = p.written("rules");
        if (rules == null || !rules.isArray() || rules.isEmpty()) {
            throw p.fail("rules", "is required: a non-empty array of {\"when\", \"models\"} rules");
        }
        if (rules.size() > 100) {
            throw p.fail("rules", "must have at most 100 rules");
        }
        List<MetadataModelRulesCheck.Rule> parsed = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            parsed.add(rule(p, rules.get(i), at + "[" + i + "]"));
        }
        return new MetadataModelRulesCheck(parsed);
    }

    private static MetadataModelRulesCheck.Rule rule(CheckParams p, JsonNode rule, String at) {
        if (!rule.isObject()) {
            throw p.failAt(at, "must be an object with \"when\" and \"models\"");
        }
        var names = rule.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("when") && !name.equals("models")) {
                throw p.failAt(at + "." + name, "unknown member (known: models, when)");
            }
        }
        JsonNode when = rule.get("when");
        if (when == null || !when.isObject()) {
            throw p.failAt(at + ".when", "is required: an object of metadata keys to a string or strings");
        }
        Map<String, Set<String>> conditions = new LinkedHashMap<>();
        var fields = when.fields();
        while (fields.hasNext()) {
            var condition = fields.next();
            String here = at + ".when." + condition.getKey();
            JsonNode value = condition.getValue();
            Set<String> values = new LinkedHashSet<>();
            if (value.isTextual()) {
                values.add(value.asText());
            } else if (value.isArray() && !value.isEmpty()) {
                for (int i = 0; i < value.size(); i++) {
                    if (!value.get(i).isTextual()) {
                        throw p.failAt(here + "[" + i + "]", "must be a string");
                    }
                    values.add(value.get(i).asText());
                }
            } else {
                throw p.failAt(here, "must be a string or a non-empty array of strings");
            }
            conditions.put(condition.getKey(), values);
        }
        JsonNode models = rule.get("models");
        if (models == null || !models.isArray() || models.isEmpty()) {
            throw p.failAt(at + ".models", "is required: a non-empty array of model names");
        }
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            if (!models.get(i).isTextual() || models.get(i).asText().isEmpty()) {
                throw p.failAt(at + ".models[" + i + "]", "must be a non-empty string");
            }
            entries.add(models.get(i).asText());
        }
        return new MetadataModelRulesCheck.Rule(conditions, entries);
    }

    private static GuardrailCheck webhook(CheckParams p) {
        String url = p.requiredString("url");
        if (!WebhookParams.isHttpUrl(url)) {
            throw p.fail("url", "must be an absolute http(s) URL");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode written = p.get("headers");
        if (written != null) {
            if (!written.isObject()) {
                throw p.fail("headers", "must be an object of header names to string values");
            }
            if (written.size() > WebhookParams.MAX_HEADERS) {
                throw p.fail("headers", "must have at most " + WebhookParams.MAX_HEADERS + " headers");
            }
            var fields = written.fields();
            while (fields.hasNext()) {
                var header = fields.next();
                String value = header.getValue().isTextual() ? header.getValue().asText() : null;
                String problem = WebhookParams.headerProblem(header.getKey(), value);
                if (problem != null) {
                    throw p.failAt(p.written("headers") + "." + header.getKey(), problem);
                }
                headers.put(header.getKey(), value);
            }
        }
        Long timeoutMs = p.optionalCount("timeoutMs");
        if (timeoutMs != null && (timeoutMs < 1 || timeoutMs > WebhookParams.MAX_TIMEOUT_MS)) {
            throw p.fail("timeoutMs", "must be between 1 and " + WebhookParams.MAX_TIMEOUT_MS + " milliseconds");
        }
        return new WebhookCheck(URI.create(url), headers,
                Duration.ofMillis(timeoutMs == null ? WebhookParams.DEFAULT_TIMEOUT_MS : timeoutMs));
    }

    private static MatchMode mode(CheckParams p, MatchMode defaultMode) {
        String raw = p.optionalString(null, "mode");
        return raw == null ? defaultMode : p.parse("mode", raw, MatchMode::parse);
    }
}
