package io.turnpike.events.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.events.EventJson;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One check of a guardrail: its {@link #type()} (one of {@link #TYPES}), its parameters (validated per type by
 * {@link CheckParams}) and {@code not}, which inverts the verdict. Immutable: {@link #params()} hands out a copy.
 * A check is kept normalised: Portkey's type names become ours, parameters carry their canonical names
 * ({@link CheckParameters}), and a {@code not} written among the parameters becomes the check's own.
 */
public final class GuardrailCheck {
    public static final String REGEX_MATCH = "regexMatch";
    public static final String WORD_LIST = "wordList";
    public static final String CHARACTER_COUNT = "characterCount";
    public static final String WORD_COUNT = "wordCount";
    public static final String SENTENCE_COUNT = "sentenceCount";
    public static final String MODEL_ALLOW_LIST = "modelAllowList";
    public static final String METADATA_MODEL_RULES = "metadataModelRules";
    public static final String REQUIRED_METADATA_KEYS = "requiredMetadataKeys";
    public static final String ALLOWED_REQUEST_TYPES = "allowedRequestTypes";
    public static final String JSON_KEYS = "jsonKeys";
    public static final String JSON_SCHEMA = "jsonSchema";
    public static final String PII = "pii";
    public static final String PROMPT_INJECTION = "promptInjection";
    public static final String WEBHOOK = "webhook";
    /** Every check type the proxy implements, in the order the documentation lists them. */
    public static final List<String> TYPES = List.of(REGEX_MATCH, WORD_LIST, CHARACTER_COUNT, WORD_COUNT,
            SENTENCE_COUNT, MODEL_ALLOW_LIST, METADATA_MODEL_RULES, REQUIRED_METADATA_KEYS, ALLOWED_REQUEST_TYPES,
            JSON_KEYS, JSON_SCHEMA, PII, PROMPT_INJECTION, WEBHOOK);
    /** Checks that find spans in text, so that a {@code redact} guardrail has something to replace. */
    public static final Set<String> REDACTING_TYPES = Set.of(REGEX_MATCH, PII);
    private static final Set<String> MEMBERS = Set.of("type", "params", "not");

    private final String type;
    private final ObjectNode params;
    private final boolean not;

    private GuardrailCheck(String type, ObjectNode params, boolean not) {
        this.type = type;
        this.params = params;
        this.not = not;
    }

    /** A check from its parts; {@code field} is the path errors are reported under. */
    public static GuardrailCheck of(String type, JsonNode params, boolean not, String field) {
        String canonical = CheckParameters.canonicalType(type);
        if (canonical == null) {
            throw new GuardrailDocumentException(field + ".type", "unknown check type \"" + type + "\"; expected one of "
                    + TYPES);
        }
        if (params != null && !params.isNull() && !params.isObject()) {
            throw new GuardrailDocumentException(field + ".params", "must be an object");
        }
        ObjectNode written = params == null || params.isNull() ? EventJson.mapper().createObjectNode()
                : (ObjectNode) params;
        CheckParams checked = CheckParams.validate(canonical, written, field + ".params");
        // Either "not" inverts the check; the proxy then reads it from one place only.
        return new GuardrailCheck(canonical, checked.normalised(), not || checked.not());
    }

    /** A check as written in a guardrail document: {@code {"type","params"?,"not"?}}. */
    static GuardrailCheck parse(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw new GuardrailDocumentException(field, "must be an object with \"type\"");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw new GuardrailDocumentException(field + "." + name, "unknown member; expected one of "
                        + new TreeSet<>(MEMBERS));
            }
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            throw new GuardrailDocumentException(field + ".type", "must be a string, one of " + TYPES);
        }
        JsonNode not = node.get("not");
        if (not != null && !not.isBoolean()) {
            throw new GuardrailDocumentException(field + ".not", "must be true or false");
        }
        return of(type.asText(), node.get("params"), not != null && not.asBoolean(), field);
    }

    public String type() {
        return type;
    }

    /** A copy of the validated parameters, under their canonical names ({@code not} is {@link #not()}). */
    public ObjectNode params() {
        return params.deepCopy();
    }

    public boolean not() {
        return not;
    }

    ObjectNode toJson() {
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.put("type", type);
        node.set("params", params.deepCopy());
        node.put("not", not);
        return node;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GuardrailCheck that && type.equals(that.type) && params.equals(that.params)
                && not == that.not;
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + params.hashCode() + (not ? 1 : 0);
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
