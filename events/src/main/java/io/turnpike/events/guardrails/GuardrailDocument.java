package io.turnpike.events.guardrails;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.events.EventJson;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A guardrail: a named list of checks and what happens when they flag a request or response. Parsed once and
 * immutable; the admin API validates with it and the proxy runs what it parsed. The document shape:
 * <pre>{@code
 * {"id": "no-pii", "name": "No PII to the model",
 *  "checks": [{"type": "pii", "params": {"categories": ["email","credit_card"], "redact": true}, "not": false}],
 *  "action": "deny" | "warn" | "redact",            (default deny)
 *  "applies_to": "input" | "output" | "both",        (default input)
 *  "on_error": "fail_closed" | "fail_open",          (default fail_open for warn, else fail_closed)
 *  "stream_mode": "incremental" | "hold"}            (output only; default incremental)
 * }</pre>
 * A guardrail flags when any of its checks flags (a check's verdict inverted when {@code not} is true).
 */
public final class GuardrailDocument {
    public static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,62}$");
    public static final int MAX_CHECKS = 32;
    public static final int MAX_NAME = 128;
    public static final int MAX_DOCUMENT = 64 * 1024;
    private static final Set<String> MEMBERS = Set.of("id", "name", "checks", "action", "applies_to", "on_error",
            "stream_mode");
    private static final ObjectMapper STRICT = EventJson.newMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public enum Action { DENY, WARN, REDACT }

    public enum AppliesTo {
        INPUT, OUTPUT, BOTH;

        public boolean input() {
            return this != OUTPUT;
        }

        public boolean output() {
            return this != INPUT;
        }
    }

    public enum OnError { FAIL_CLOSED, FAIL_OPEN }

    /** How output checks meet a stream: on the text as it flows, or holding the stream back until they pass. */
    public enum StreamMode { INCREMENTAL, HOLD }

    private final String id;
    private final String name;
    private final List<GuardrailCheck> checks;
    private final Action action;
    private final AppliesTo appliesTo;
    private final OnError onError;
    private final StreamMode streamMode;

    private GuardrailDocument(String id, String name, List<GuardrailCheck> checks, Action action, AppliesTo appliesTo,
                              OnError onError, StreamMode streamMode) {
        this.id = id;
        this.name = name;
        this.checks = checks;
        this.action = action;
        this.appliesTo = appliesTo;
        this.onError = onError;
        this.streamMode = streamMode;
    }

    /** @throws GuardrailDocumentException naming the first problem, e.g. {@code checks[0].type} */
    public static GuardrailDocument parse(String json) {
        if (json == null || json.length() > MAX_DOCUMENT) {
            throw new GuardrailDocumentException("guardrail", "must be a JSON object of at most " + MAX_DOCUMENT
                    + " characters");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new GuardrailDocumentException("guardrail", "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        return parse(root);
    }

    public static GuardrailDocument parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new GuardrailDocumentException("guardrail", "must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String member = names.next();
            if (!MEMBERS.contains(member)) {
                throw new GuardrailDocumentException(member, "unknown member; expected one of " + new TreeSet<>(MEMBERS));
            }
        }
        String id = text(root, "id", true);
        if (!ID.matcher(id).matches()) {
            throw new GuardrailDocumentException("id", "must match " + ID.pattern());
        }
        String name = text(root, "name", false);
        if (name == null) {
            name = id;
        } else if (name.isBlank() || name.length() > MAX_NAME) {
            throw new GuardrailDocumentException("name", "must be 1 to " + MAX_NAME + " characters");
        }
        List<GuardrailCheck> checks = checks(root.get("checks"));
        Action action = choice(root, "action", Action.class, Action.DENY);
        AppliesTo appliesTo = choice(root, "applies_to", AppliesTo.class, AppliesTo.INPUT);
        // A warning that cannot be evaluated should not turn into a refusal; a deny or a redaction that cannot
        // be evaluated must not let the content through.
        OnError onError = choice(root, "on_error", OnError.class,
                action == Action.WARN ? OnError.FAIL_OPEN : OnError.FAIL_CLOSED);
        if (root.has("stream_mode") && !appliesTo.output()) {
            throw new GuardrailDocumentException("stream_mode", "only for guardrails that apply to output");
        }
        StreamMode streamMode = appliesTo.output()
                ? choice(root, "stream_mode", StreamMode.class, StreamMode.INCREMENTAL) : null;
        if (action == Action.REDACT) {
            requireRedactable(checks);
        }
        return new GuardrailDocument(id, name, checks, action, appliesTo, onError, streamMode);
    }

    private static List<GuardrailCheck> checks(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new GuardrailDocumentException("checks", "required: a non-empty array of checks");
        }
        if (node.size() > MAX_CHECKS) {
            throw new GuardrailDocumentException("checks", "at most " + MAX_CHECKS + " checks");
        }
        List<GuardrailCheck> checks = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            checks.add(GuardrailCheck.parse(node.get(i), "checks[" + i + "]"));
        }
        return List.copyOf(checks);
    }

    /** Redaction replaces the spans a check found; an inverted check or a count has no span to replace. */
    private static void requireRedactable(List<GuardrailCheck> checks) {
        for (int i = 0; i < checks.size(); i++) {
            GuardrailCheck check = checks.get(i);
            if (!GuardrailCheck.REDACTING_TYPES.contains(check.type())) {
                throw new GuardrailDocumentException("checks[" + i + "].type", "action redact needs checks that find "
                        + "spans (" + new TreeSet<>(GuardrailCheck.REDACTING_TYPES) + ")");
            }
            if (check.not()) {
                throw new GuardrailDocumentException("checks[" + i + "].not", "an inverted check cannot redact");
            }
        }
    }

    private static String text(JsonNode root, String member, boolean required) {
        JsonNode value = root.get(member);
        if (value == null || value.isNull()) {
            if (required) {
                throw new GuardrailDocumentException(member, "required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new GuardrailDocumentException(member, "must be a string");
        }
        return value.asText();
    }

    private static <E extends Enum<E>> E choice(JsonNode root, String member, Class<E> type, E fallback) {
        String value = text(root, member, false);
        if (value == null) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new GuardrailDocumentException(member, "must be one of " + String.join(", ", allowed));
    }

    /** The PII categories a {@code pii} check may name (canonical names; two older spellings are also accepted). */
    public static List<String> piiCategories() {
        return CheckParams.PII_CATEGORIES;
    }

    /** The request types an {@code allowedRequestTypes} check may name. */
    public static List<String> requestTypes() {
        return CheckParams.REQUEST_TYPES;
    }

    /** The rule ids a {@code promptInjection} check may name. */
    public static List<String> promptInjectionRules() {
        return CheckParams.PROMPT_INJECTION_RULES;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public List<GuardrailCheck> checks() {
        return checks;
    }

    public Action action() {
        return action;
    }

    public AppliesTo appliesTo() {
        return appliesTo;
    }

    public OnError onError() {
        return onError;
    }

    /** Null when the guardrail does not apply to output. */
    public StreamMode streamMode() {
        return streamMode;
    }

    /** The normalised document: every member spelled out, defaults included; {@link #parse} reads it back equal. */
    public ObjectNode toJson() {
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.put("id", id);
        node.put("name", name);
        ArrayNode list = node.putArray("checks");
        checks.forEach(check -> list.add(check.toJson()));
        node.put("action", lower(action));
        node.put("applies_to", lower(appliesTo));
        node.put("on_error", lower(onError));
        if (streamMode != null) {
            node.put("stream_mode", lower(streamMode));
        }
        return node;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GuardrailDocument that && toJson().equals(that.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
