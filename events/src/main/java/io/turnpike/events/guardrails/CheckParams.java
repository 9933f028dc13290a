package io.turnpike.events.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.events.EventJson;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The parameters of one check, checked when a guardrail is saved so that the proxy never meets a guardrail it
 * cannot run: every member must be a parameter of the type ({@link CheckParameters}, under any accepted spelling,
 * once), and each is checked as the proxy's check builder checks it (a consistency test in the proxy holds the two
 * to the same verdicts). Errors name the parameter as written. {@link #normalised()} is the parameters under their
 * canonical names.
 */
final class CheckParams {
    /** The PII categories the proxy detects, as its {@code PiiCategory.wireName()} spells them, in its order. */
    static final List<String> PII_CATEGORIES = List.of("private_key", "anthropic_api_key", "gcp_api_key",
            "aws_access_key_id", "aws_secret_access_key", "iban", "credit_card", "email", "us_ssn", "ip_address",
            "phone");
    /** Older spellings of two categories, accepted and stored as the canonical name. */
    static final Map<String, String> PII_CATEGORY_ALIASES = Map.of("aws_access_key", "aws_access_key_id",
            "aws_secret_key", "aws_secret_access_key");
    /** The non-text kinds of request content {@code allowedRequestTypes} knows. */
    static final List<String> REQUEST_TYPES = List.of("tool_use", "images", "documents");
    /** The proxy's prompt-injection rule ids. */
    static final List<String> PROMPT_INJECTION_RULES = List.of("ignore_previous_instructions", "role_override",
            "system_prompt_exfiltration", "jailbreak_marker", "chat_template_tokens", "encoded_instructions",
            "invisible_characters", "mixed_script_words");
    static final Set<String> MATCH_MODES = Set.of("any", "all", "none");
    static final int MAX_REGEX_TIMEOUT_MS = 1_000;
    static final int MAX_LIST = 1_000;

    private final String type;
    private final String field;
    /** Canonical name → the member as written. */
    private final Map<String, Map.Entry<String, JsonNode>> members = new LinkedHashMap<>();
    private final ObjectNode normalised = EventJson.mapper().createObjectNode();
    private boolean not;

    private CheckParams(String type, String field) {
        this.type = type;
        this.field = field;
    }

    /**
     * @param type   a canonical type
     * @param params the parameters as written (not modified)
     * @param field  the path errors are reported under, e.g. {@code checks[0].params}
     */
    static CheckParams validate(String type, ObjectNode params, String field) {
        CheckParams p = new CheckParams(type, field);
        p.resolve(params);
        switch (type) {
            case GuardrailCheck.REGEX_MATCH -> p.regexMatch();
            case GuardrailCheck.WORD_LIST -> {
                p.strings("words", true, null);
                p.mode();
                p.bool("caseInsensitive");
                p.bool("wholeWord");
            }
            case GuardrailCheck.CHARACTER_COUNT, GuardrailCheck.WORD_COUNT, GuardrailCheck.SENTENCE_COUNT -> p.bounds();
            case GuardrailCheck.MODEL_ALLOW_LIST -> p.strings("models", true, null);
            case GuardrailCheck.METADATA_MODEL_RULES -> MetadataModelRulesParams.validate(p.get("rules"),
                    p.path("rules"));
            case GuardrailCheck.REQUIRED_METADATA_KEYS -> {
                p.strings("keys", true, null);
                p.mode();
            }
            case GuardrailCheck.ALLOWED_REQUEST_TYPES -> p.requestTypes();
            case GuardrailCheck.JSON_KEYS -> {
                p.strings("keys", true, null);
                p.mode();
            }
            case GuardrailCheck.JSON_SCHEMA -> JsonSchemaParams.validate(p.get("schema"), p.path("schema"));
            case GuardrailCheck.PII -> {
                p.piiCategories();
                p.bool("redact");
            }
            case GuardrailCheck.PROMPT_INJECTION -> p.strings("rules", false, PROMPT_INJECTION_RULES);
            case GuardrailCheck.WEBHOOK -> WebhookParams.validate(p.get("url"), p.path("url"), p.get("headers"),
                    p.path("headers"), p.get("timeoutMs"), p.path("timeoutMs"));
            default -> throw new IllegalStateException("no parameter rules for check type " + type);
        }
        return p;
    }

    /** The parameters under their canonical names, JSON nulls (meaning "absent") dropped. */
    ObjectNode normalised() {
        return normalised.deepCopy();
    }

    /** Whether {@code not: true} was written among the parameters. */
    boolean not() {
        return not;
    }

    private void resolve(ObjectNode params) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = params.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> member = fields.next();
            String spelling = member.getKey();
            if (spelling.equals(CheckParameters.NOT)) {
                JsonNode value = member.getValue();
                if (!value.isNull() && !value.isBoolean()) {
                    throw new GuardrailDocumentException(field + "." + spelling, "must be true or false");
                }
                not = value.asBoolean(false);
                continue;
            }
            CheckParameters.Parameter parameter = CheckParameters.find(type, spelling);
            if (parameter == null) {
                throw new GuardrailDocumentException(field + "." + spelling, "unknown parameter; expected one of "
                        + CheckParameters.spellings(type));
            }
            Map.Entry<String, JsonNode> earlier = members.putIfAbsent(parameter.name(), member);
            if (earlier != null) {
                throw new GuardrailDocumentException(field + "." + spelling, "the same parameter as \""
                        + earlier.getKey() + "\"; give only one of them");
            }
            if (!member.getValue().isNull()) {
                normalised.set(parameter.name(), member.getValue().deepCopy());
            }
        }
    }

    /** The value of a parameter by its canonical name; null when absent or JSON null. */
    private JsonNode get(String name) {
        Map.Entry<String, JsonNode> member = members.get(name);
        return member == null || member.getValue().isNull() ? null : member.getValue();
    }

    /** The path of a parameter, spelled as written (canonical when it was not written). */
    private String path(String name) {
        Map.Entry<String, JsonNode> member = members.get(name);
        return field + "." + (member == null ? name : member.getKey());
    }

    private GuardrailDocumentException fail(String name, String reason) {
        return new GuardrailDocumentException(path(name), reason);
    }

    private void regexMatch() {
        JsonNode pattern = get("pattern");
        if (pattern == null || !pattern.isTextual() || pattern.asText().isEmpty()) {
            throw fail("pattern", "required: a non-empty regular expression");
        }
        JsonNode flags = get("flags");
        if (flags != null && !flags.isTextual()) {
            throw fail("flags", "must be a string of flag letters (i, m, s, x; g and u change nothing)");
        }
        int bits = 0;
        for (char flag : (flags == null ? "" : flags.asText()).toCharArray()) {
            bits |= switch (flag) {
                case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> Pattern.MULTILINE;
                case 's' -> Pattern.DOTALL;
                case 'x' -> Pattern.COMMENTS;
                case 'g', 'u' -> 0;
                default -> throw fail("flags", "unknown flag '" + flag + "' (use i, m, s, x)");
            };
        }
        try {
            Pattern.compile(pattern.asText(), bits);
        } catch (PatternSyntaxException e) {
            throw fail("pattern", "not a valid regular expression (" + e.getDescription() + " near index "
                    + e.getIndex() + ")");
        }
        Long timeout = count("timeoutMs");
        if (timeout != null && (timeout < 1 || timeout > MAX_REGEX_TIMEOUT_MS)) {
            throw fail("timeoutMs", "must be from 1 to " + MAX_REGEX_TIMEOUT_MS + " milliseconds");
        }
    }

    /**
     * A non-empty array of non-empty strings (at most {@link #MAX_LIST}), each one of {@code allowed} when that is
     * given. Returns null when absent and not required.
     */
    private ArrayNode strings(String name, boolean required, List<String> allowed) {
        JsonNode list = get(name);
        if (list == null && !required) {
            return null;
        }
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw fail(name, (required ? "required: " : "") + "a non-empty array of strings");
        }
        if (list.size() > MAX_LIST) {
            throw fail(name, "at most " + MAX_LIST + " entries");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (!item.isTextual() || item.asText().isEmpty()) {
                throw new GuardrailDocumentException(path(name) + "[" + i + "]", "must be a non-empty string");
            }
            if (allowed != null && !allowed.contains(item.asText())) {
                throw new GuardrailDocumentException(path(name) + "[" + i + "]", "unknown value \"" + item.asText()
                        + "\"; expected one of " + allowed);
            }
        }
        return (ArrayNode) list;
    }

    private void mode() {
        JsonNode mode = get("mode");
        if (mode != null && (!mode.isTextual() || !MATCH_MODES.contains(mode.asText()))) {
            throw fail("mode", "must be one of any, all, none");
        }
    }

    private void bool(String name) {
        JsonNode value = get(name);
        if (value != null && !value.isBoolean()) {
            throw fail(name, "must be true or false");
        }
    }

    private void bounds() {
        Long min = count("min");
        Long max = count("max");
        if (min == null && max == null) {
            throw fail("min", "set min, max or both");
        }
        if (min != null && max != null && min > max) {
            throw fail("min", "must be ≤ max (" + max + ")");
        }
    }

    private Long count(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw fail(name, "must be a whole number ≥ 0");
        }
        return value.asLong();
    }

    private void requestTypes() {
        ArrayNode allowed = strings("allowed", false, REQUEST_TYPES);
        ArrayNode blocked = strings("blocked", false, REQUEST_TYPES);
        if (allowed == null && blocked == null) {
            throw fail("allowed", "set allowed, blocked or both (of " + REQUEST_TYPES + ")");
        }
    }

    /** Absent means every category; older spellings are stored as the canonical names. */
    private void piiCategories() {
        List<String> accepted = new java.util.ArrayList<>(PII_CATEGORIES);
        accepted.addAll(PII_CATEGORY_ALIASES.keySet());
        ArrayNode categories = strings("categories", false, accepted);
        if (categories == null) {
            return;
        }
        ArrayNode canonical = normalised.putArray("categories");
        categories.forEach(c -> canonical.add(PII_CATEGORY_ALIASES.getOrDefault(c.asText(), c.asText())));
    }
}
