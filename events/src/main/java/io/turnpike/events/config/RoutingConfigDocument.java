package io.turnpike.events.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.turnpike.events.guardrails.GuardrailDocument;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Parses and validates a routing config document (the Portkey config shape plus Turnpike's {@code allowed_models})
 * into an immutable {@link ParsedConfig}. The document itself is stored untouched; this only reads it. The admin
 * side calls it before saving a version, the proxy when it loads one, so both agree on what a config means.
 * <p>
 * Errors stop at the first problem and name its JSON path relative to the document root (e.g.
 * {@code targets[1].targets[0].weight}). Keys Turnpike does not know are kept in the document and reported as
 * {@linkplain ConfigWarning warnings}.
 * <p>
 * Cycles: a condition's {@code then} and a strategy's {@code default} name a target among the <em>direct</em>
 * children of the same group, so the tree can never route back into itself. A name that would only resolve to the
 * enclosing group or one of its ancestors is reported as a cycle rather than as an unknown name.
 * <p>
 * Guardrails: {@code input_guardrails} and {@code output_guardrails}, at the top level and on any target, list
 * guardrail ids and inline guardrails in Portkey's shorthand (see {@link PortkeyGuardrailShorthand}). Unlike the
 * other inherited settings they accumulate: a target's effective list is its ancestors' followed by its own, an id
 * named again further down counting once.
 */
public final class RoutingConfigDocument {
    /** Deeper trees are refused: nobody needs them and they would only make evaluation costly. */
    public static final int MAX_DEPTH = 16;

    private static final ObjectReader READER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build().reader();

    private static final Set<String> TARGET_KEYS = Set.of("name", "provider", "override_params", "weight", "retry",
            "request_timeout", "cache", "strategy", "targets", "input_guardrails", "output_guardrails");
    private static final Set<String> ROOT_KEYS = Set.of("override_params", "retry", "request_timeout", "cache",
            "strategy", "targets", "allowed_models", "input_guardrails", "output_guardrails");
    private static final Set<String> STRATEGY_KEYS = Set.of("mode", "on_status_codes", "conditions", "default");
    private static final Set<String> CONDITION_KEYS = Set.of("query", "then");
    private static final Set<String> RETRY_KEYS = Set.of("attempts", "on_status_codes", "use_retry_after_header",
            "use_retry_after_headers");
    private static final Set<String> CACHE_KEYS = Set.of("mode", "max_age");
    private static final int MAX_RETRY_ATTEMPTS = 10;

    private final Predicate<String> providerExists;
    private final Predicate<String> guardrailExists;
    private final List<ConfigWarning> warnings = new ArrayList<>();

    private RoutingConfigDocument(Predicate<String> providerExists, Predicate<String> guardrailExists) {
        this.providerExists = providerExists;
        this.guardrailExists = guardrailExists;
    }

    /**
     * Parses a document given as JSON text, taking every well-formed guardrail id as defined: for callers that
     * check guardrail ids elsewhere (or not at all, like the proxy loading a version that was validated on save).
     *
     * @param providerExists answers whether a provider id (without {@code @}) is registered
     * @throws ConfigValidationException for the first problem found
     */
    public static ParsedConfig parse(String json, Predicate<String> providerExists) {
        return parse(json, providerExists, id -> true);
    }

    /**
     * Parses a document given as JSON text.
     *
     * @param providerExists  answers whether a provider id (without {@code @}) is registered
     * @param guardrailExists answers whether a guardrail id is defined and not retired
     * @throws ConfigValidationException for the first problem found
     */
    public static ParsedConfig parse(String json, Predicate<String> providerExists,
                                     Predicate<String> guardrailExists) {
        if (json == null || json.isBlank()) {
            throw new ConfigValidationException("", "must not be empty");
        }
        JsonNode root;
        try {
            root = READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigValidationException("", "is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        return parse(root, providerExists, guardrailExists);
    }

    /** Parses a document already read as JSON; see {@link #parse(String, Predicate)}. */
    public static ParsedConfig parse(JsonNode root, Predicate<String> providerExists) {
        return parse(root, providerExists, id -> true);
    }

    /** Parses a document already read as JSON; see {@link #parse(String, Predicate, Predicate)}. */
    public static ParsedConfig parse(JsonNode root, Predicate<String> providerExists,
                                     Predicate<String> guardrailExists) {
        if (root == null || !root.isObject()) {
            throw new ConfigValidationException("", "must be a JSON object");
        }
        RoutingConfigDocument parser = new RoutingConfigDocument(providerExists, guardrailExists);
        List<String> allowedModels = parser.allowedModels(root.get("allowed_models"));
        Target target = parser.rootTarget(root);
        return new ParsedConfig(target, allowedModels, parser.warnings);
    }

    // ---- targets ----------------------------------------------------------------------------------------------

    /** The inheritable settings in force at one level of the tree. */
    private record Inherited(Map<String, JsonNode> overrideParams, RetryPolicy retry, CachePolicy cache,
                             Long requestTimeoutMs, List<GuardrailRef> inputGuardrails,
                             List<GuardrailRef> outputGuardrails) {
        static final Inherited NOTHING = new Inherited(Map.of(), RetryPolicy.NONE, null, null, List.of(), List.of());
    }

    private Target rootTarget(JsonNode root) {
        warnUnknownKeys(root, "", ROOT_KEYS);
        if (root.has("provider")) {
            throw new ConfigValidationException("provider",
                    "the top level takes \"targets\"; wrap the provider in {\"targets\":[{\"provider\":…}]}");
        }
        if (!root.has("targets")) {
            throw new ConfigValidationException("targets", "is required: a non-empty array of targets");
        }
        return target(root, "", Inherited.NOTHING, null, List.of(), 0);
    }

    private Target target(JsonNode node, String path, Inherited inherited, String name, List<String> ancestors,
                          int depth) {
        if (depth > MAX_DEPTH) {
            throw new ConfigValidationException(path, "targets are nested more than " + MAX_DEPTH + " levels deep");
        }
        Inherited effective = inherit(node, path, inherited);
        double weight = weight(node.get("weight"), at(path, "weight"));
        boolean hasProvider = node.has("provider");
        boolean hasTargets = node.has("targets");
        String targetPath = path.isEmpty() ? "config" : "config." + path;
        if (hasProvider && hasTargets) {
            throw new ConfigValidationException(path,
                    "has both \"provider\" and \"targets\"; a target is either a provider or a group");
        }
        if (hasProvider) {
            String providerId = providerId(node.get("provider"), at(path, "provider"));
            Strategy strategy = leafStrategy(node.get("strategy"), at(path, "strategy"));
            return new Target(name, targetPath, providerId, strategy, List.of(), effective.overrideParams(),
                    effective.retry(), effective.cache(), effective.requestTimeoutMs(), weight,
                    effective.inputGuardrails(), effective.outputGuardrails());
        }
        if (!hasTargets) {
            throw new ConfigValidationException(path, "needs a \"provider\" or nested \"targets\"");
        }
        String targetsPath = at(path, "targets");
        JsonNode targets = node.get("targets");
        if (!targets.isArray() || targets.isEmpty()) {
            throw new ConfigValidationException(targetsPath, "must be a non-empty array");
        }
        List<String> childAncestors = new ArrayList<>(ancestors);
        if (name != null) {
            childAncestors.add(name);
        }
        List<Target> children = new ArrayList<>();
        Map<String, String> namePaths = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            String childPath = targetsPath + "[" + i + "]";
            JsonNode child = targets.get(i);
            if (!child.isObject()) {
                throw new ConfigValidationException(childPath, "must be an object");
            }
            warnUnknownKeys(child, childPath, TARGET_KEYS);
            String childName = targetName(child.get("name"), at(childPath, "name"));
            if (childName != null) {
                String earlier = namePaths.putIfAbsent(childName, childPath);
                if (earlier != null) {
                    throw new ConfigValidationException(at(childPath, "name"),
                            "duplicate target name '" + childName + "' (also " + earlier + ")");
                }
            }
            children.add(target(child, childPath, effective, childName, childAncestors, depth + 1));
        }
        Strategy strategy = groupStrategy(node.get("strategy"), at(path, "strategy"), children, childAncestors);
        checkStrategyFitsTargets(strategy, children, path, targetsPath);
        return new Target(name, targetPath, null, strategy, children, effective.overrideParams(), effective.retry(),
                effective.cache(), effective.requestTimeoutMs(), weight, effective.inputGuardrails(),
                effective.outputGuardrails());
    }

    private Inherited inherit(JsonNode node, String path, Inherited parent) {
        Map<String, JsonNode> overrides = parent.overrideParams();
        JsonNode ownOverrides = node.get("override_params");
        if (ownOverrides != null) {
            if (!ownOverrides.isObject()) {
                throw new ConfigValidationException(at(path, "override_params"), "must be an object");
            }
            Map<String, JsonNode> merged = new LinkedHashMap<>(overrides);
            ownOverrides.fields().forEachRemaining(e -> merged.put(e.getKey(), e.getValue()));
            overrides = merged;
        }
        RetryPolicy retry = node.has("retry") ? retry(node.get("retry"), at(path, "retry")) : parent.retry();
        CachePolicy cache = node.has("cache") ? cache(node.get("cache"), at(path, "cache")) : parent.cache();
        Long timeout = node.has("request_timeout")
                ? positiveLong(node.get("request_timeout"), at(path, "request_timeout"), "milliseconds")
                : parent.requestTimeoutMs();
        List<GuardrailRef> input = accumulate(parent.inputGuardrails(),
                guardrails(node.get("input_guardrails"), at(path, "input_guardrails"), false));
        List<GuardrailRef> output = accumulate(parent.outputGuardrails(),
                guardrails(node.get("output_guardrails"), at(path, "output_guardrails"), true));
        return new Inherited(overrides, retry, cache, timeout, input, output);
    }

    // ---- guardrails -------------------------------------------------------------------------------------------

    /** The guardrails a level attaches itself, in document order; empty when it names none. */
    private List<GuardrailRef> guardrails(JsonNode list, String path, boolean output) {
        if (list == null) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new ConfigValidationException(path,
                    "must be an array of guardrail ids and inline guardrails like {\"default.regexMatch\":{…}}");
        }
        List<GuardrailRef> refs = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String itemPath = path + "[" + i + "]";
            JsonNode item = list.get(i);
            GuardrailRef ref;
            if (item.isTextual()) {
                ref = GuardrailRef.byId(guardrailId(item.asText(), itemPath), itemPath);
            } else if (item.isObject()) {
                GuardrailDocument inline = PortkeyGuardrailShorthand.parse(item, itemPath, output, this::warn);
                ref = GuardrailRef.inline(inline, itemPath);
            } else {
                throw new ConfigValidationException(itemPath, "must be a guardrail id or an inline guardrail like "
                        + "{\"default.regexMatch\":{…},\"deny\":true}");
            }
            if (ids.add(ref.id())) {
                refs.add(ref);
            } else {
                warn(itemPath, "guardrail '" + ref.id() + "' is already listed here; it runs once");
            }
        }
        return refs;
    }

    private String guardrailId(String id, String path) {
        if (!GuardrailDocument.ID.matcher(id).matches()) {
            throw new ConfigValidationException(path,
                    "must be a guardrail id matching " + GuardrailDocument.ID.pattern());
        }
        if (!guardrailExists.test(id)) {
            throw new ConfigValidationException(path, "guardrail '" + id + "' is not defined (or was retired)");
        }
        return id;
    }

    /** The parent's guardrails, then the level's own; an id the parent already runs is not added again. */
    private static List<GuardrailRef> accumulate(List<GuardrailRef> inherited, List<GuardrailRef> own) {
        if (own.isEmpty()) {
            return inherited;
        }
        List<GuardrailRef> all = new ArrayList<>(inherited);
        for (GuardrailRef ref : own) {
            if (all.stream().noneMatch(r -> r.id().equals(ref.id()))) {
                all.add(ref);
            }
        }
        return List.copyOf(all);
    }

    private String providerId(JsonNode provider, String path) {
        if (!provider.isTextual() || !provider.asText().startsWith("@") || provider.asText().length() == 1) {
            throw new ConfigValidationException(path, "must be \"@<provider id>\"");
        }
        String providerId = provider.asText().substring(1);
        if (!providerExists.test(providerId)) {
            throw new ConfigValidationException(path, "provider '" + providerId + "' is not registered");
        }
        return providerId;
    }

    private static String targetName(JsonNode name, String path) {
        if (name == null) {
            return null;
        }
        if (!name.isTextual() || name.asText().isBlank()) {
            throw new ConfigValidationException(path, "must be a non-empty string");
        }
        return name.asText();
    }

    private static double weight(JsonNode weight, String path) {
        if (weight == null) {
            return 1;
        }
        if (!weight.isNumber()) {
            throw new ConfigValidationException(path, "must be a number");
        }
        double value = weight.asDouble();
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new ConfigValidationException(path, "must be ≥ 0");
        }
        return value;
    }

    // ---- strategies -------------------------------------------------------------------------------------------

    private Strategy leafStrategy(JsonNode node, String path) {
        if (node == null) {
            return Strategy.SINGLE;
        }
        Strategy strategy = strategyHeader(node, path);
        if (strategy.mode() != StrategyMode.SINGLE) {
            throw new ConfigValidationException(at(path, "mode"),
                    "'" + strategy.mode().wireName() + "' needs \"targets\" to choose from");
        }
        return strategy;
    }

    /** Mode and on_status_codes; conditions are read by {@link #groupStrategy}. */
    private Strategy strategyHeader(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new ConfigValidationException(path, "must be an object");
        }
        warnUnknownKeys(node, path, STRATEGY_KEYS);
        StrategyMode mode = StrategyMode.SINGLE;
        JsonNode modeNode = node.get("mode");
        if (modeNode != null) {
            mode = modeNode.isTextual() ? StrategyMode.fromWire(modeNode.asText()) : null;
            if (mode == null) {
                throw new ConfigValidationException(at(path, "mode"),
                        "must be one of single, fallback, loadbalance, conditional");
            }
        }
        List<Integer> statusCodes = node.has("on_status_codes")
                ? statusCodes(node.get("on_status_codes"), at(path, "on_status_codes"))
                : List.of();
        return new Strategy(mode, statusCodes, List.of(), null);
    }

    private Strategy groupStrategy(JsonNode node, String path, List<Target> children, List<String> ancestors) {
        if (node == null) {
            return Strategy.SINGLE;
        }
        Strategy header = strategyHeader(node, path);
        if (header.mode() != StrategyMode.CONDITIONAL) {
            for (String conditionalOnly : List.of("conditions", "default")) {
                if (node.has(conditionalOnly)) {
                    warn(at(path, conditionalOnly), "only used by the conditional mode; ignored");
                }
            }
            return header;
        }
        JsonNode conditions = node.get("conditions");
        String conditionsPath = at(path, "conditions");
        if (conditions == null || !conditions.isArray() || conditions.isEmpty()) {
            throw new ConfigValidationException(conditionsPath,
                    "a conditional strategy needs a non-empty array of {\"query\":{…},\"then\":\"<target name>\"}");
        }
        List<Condition> parsed = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            String conditionPath = conditionsPath + "[" + i + "]";
            JsonNode condition = conditions.get(i);
            if (!condition.isObject()) {
                throw new ConfigValidationException(conditionPath, "must be an object");
            }
            warnUnknownKeys(condition, conditionPath, CONDITION_KEYS);
            if (!condition.has("query")) {
                throw new ConfigValidationException(at(conditionPath, "query"), "is required");
            }
            ConditionQuery query = ConditionQuery.parse(condition.get("query"), at(conditionPath, "query"));
            String then = reference(condition.get("then"), at(conditionPath, "then"), children, ancestors, true);
            parsed.add(new Condition(query, then, conditionPath));
        }
        String defaultTarget = reference(node.get("default"), at(path, "default"), children, ancestors, false);
        return new Strategy(StrategyMode.CONDITIONAL, header.onStatusCodes(), parsed, defaultTarget);
    }

    /** A condition's {@code then} or a {@code default}: the name of one of the group's own targets. */
    private static String reference(JsonNode node, String path, List<Target> children, List<String> ancestors,
                                    boolean required) {
        if (node == null) {
            if (required) {
                throw new ConfigValidationException(path, "is required: the name of one of this strategy's targets");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new ConfigValidationException(path, "must be the name of one of this strategy's targets");
        }
        String name = node.asText();
        if (children.stream().anyMatch(c -> name.equals(c.name()))) {
            return name;
        }
        if (ancestors.contains(name)) {
            throw new ConfigValidationException(path, "refers to '" + name + "', which encloses this strategy: "
                    + "a cycle (a condition can only name the targets listed next to it)");
        }
        throw new ConfigValidationException(path, "no target named '" + name + "' among this strategy's targets");
    }

    private void checkStrategyFitsTargets(Strategy strategy, List<Target> children, String path, String targetsPath) {
        switch (strategy.mode()) {
            case SINGLE -> {
                if (children.size() > 1) {
                    warn(targetsPath, "mode 'single' uses only the first of " + children.size() + " targets");
                }
            }
            case LOADBALANCE -> {
                if (children.stream().allMatch(c -> c.weight() == 0)) {
                    throw new ConfigValidationException(targetsPath,
                            "every weight is 0; a loadbalance needs at least one positive weight");
                }
            }
            case CONDITIONAL -> {
                for (int i = 0; i < children.size(); i++) {
                    String childName = children.get(i).name();
                    boolean named = strategy.conditions().stream().anyMatch(c -> c.then().equals(childName))
                            || (childName != null && childName.equals(strategy.defaultTarget()));
                    if (!named) {
                        warn(targetsPath + "[" + i + "]",
                                "no condition or default names this target, so it is never used");
                    }
                }
            }
            case FALLBACK -> {
                // Every target is reachable in order; nothing to check.
            }
            default -> throw new IllegalStateException("unknown mode " + strategy.mode());
        }
    }

    // ---- settings ---------------------------------------------------------------------------------------------

    private RetryPolicy retry(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new ConfigValidationException(path, "must be an object like {\"attempts\":3}");
        }
        warnUnknownKeys(node, path, RETRY_KEYS);
        JsonNode attempts = node.get("attempts");
        if (attempts == null) {
            throw new ConfigValidationException(at(path, "attempts"), "is required (0–" + MAX_RETRY_ATTEMPTS + ")");
        }
        if (!attempts.isIntegralNumber() || attempts.asLong() < 0 || attempts.asLong() > MAX_RETRY_ATTEMPTS) {
            throw new ConfigValidationException(at(path, "attempts"),
                    "must be an integer from 0 to " + MAX_RETRY_ATTEMPTS);
        }
        List<Integer> statusCodes = node.has("on_status_codes")
                ? statusCodes(node.get("on_status_codes"), at(path, "on_status_codes"))
                : RetryPolicy.DEFAULT_STATUS_CODES;
        boolean useRetryAfter = false;
        // Portkey's newer docs spell it with a trailing "s"; accept both.
        String retryAfterKey = node.has("use_retry_after_header")
                ? "use_retry_after_header" : "use_retry_after_headers";
        JsonNode retryAfter = node.get(retryAfterKey);
        if (retryAfter != null) {
            if (!retryAfter.isBoolean()) {
                throw new ConfigValidationException(at(path, retryAfterKey), "must be true or false");
            }
            useRetryAfter = retryAfter.booleanValue();
        }
        return new RetryPolicy(attempts.intValue(), statusCodes, useRetryAfter);
    }

    private CachePolicy cache(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new ConfigValidationException(path, "must be an object like {\"mode\":\"simple\",\"max_age\":60}");
        }
        warnUnknownKeys(node, path, CACHE_KEYS);
        JsonNode mode = node.get("mode");
        if (mode == null || !mode.isTextual() || !mode.asText().equals(CachePolicy.SIMPLE)) {
            throw new ConfigValidationException(at(path, "mode"), "must be \"simple\" (the only cache mode)");
        }
        Long maxAge = node.has("max_age") ? positiveLong(node.get("max_age"), at(path, "max_age"), "seconds") : null;
        return new CachePolicy(CachePolicy.SIMPLE, maxAge);
    }

    private static Long positiveLong(JsonNode node, String path, String unit) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() <= 0) {
            throw new ConfigValidationException(path, "must be a whole number of " + unit + " > 0");
        }
        return node.asLong();
    }

    private static List<Integer> statusCodes(JsonNode node, String path) {
        if (!node.isArray() || node.isEmpty()) {
            throw new ConfigValidationException(path, "must be a non-empty array of HTTP status codes");
        }
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode code = node.get(i);
            if (!code.isIntegralNumber() || code.asInt() < 100 || code.asInt() > 599) {
                throw new ConfigValidationException(path + "[" + i + "]",
                        "must be an HTTP status code (an integer from 100 to 599)");
            }
            codes.add(code.asInt());
        }
        return codes;
    }

    /** Turnpike's extension: the model ids this config serves; absent means every known model. */
    private static List<String> allowedModels(JsonNode allowed) {
        if (allowed == null) {
            return null;
        }
        if (!allowed.isArray() || allowed.isEmpty()) {
            throw new ConfigValidationException("allowed_models",
                    "must be a non-empty array of model ids (omit it to allow every model)");
        }
        List<String> models = new ArrayList<>();
        for (int i = 0; i < allowed.size(); i++) {
            JsonNode model = allowed.get(i);
            if (!model.isTextual() || model.asText().isBlank()) {
                throw new ConfigValidationException("allowed_models[" + i + "]", "must be a non-empty model id string");
            }
            models.add(model.asText());
        }
        return models;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private void warnUnknownKeys(JsonNode node, String path, Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!known.contains(key)) {
                warn(at(path, key), "unknown key; kept in the document but ignored by Turnpike");
            }
        }
    }

    private void warn(String path, String message) {
        warnings.add(new ConfigWarning(path, message));
    }

    private static String at(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
