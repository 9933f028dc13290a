package io.turnpike.events.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A parsed conditional-routing query (Portkey's query language), immutable and safe to share between threads.
 * <p>
 * A query is a JSON object. Every key is a clause and the clauses are ANDed — including {@code $and} and {@code $or}
 * next to field keys: {@code {"metadata.env":{"$eq":"prod"},"$or":[…]}} means env = prod AND (any of …).
 * <ul>
 *   <li>Field keys: {@code metadata.<key>} (the effective metadata; the rest of the key, dots included, is the
 *   metadata key), {@code params.<path>} (the request body; dots walk into objects, a numeric segment indexes an
 *   array), {@code url.pathname}.</li>
 *   <li>A field's value is an operator object ({@code $eq $ne $gt $gte $lt $lte $in $nin $regex}, several operators
 *   are ANDed) or a bare scalar, shorthand for {@code $eq}.</li>
 *   <li>{@code $and} / {@code $or}: a non-empty array of queries.</li>
 * </ul>
 * Comparison: numbers compare numerically ({@code 1 == 1.0}), strings lexically (by UTF-16 code unit), booleans only
 * for equality; values of different types are never equal and never ordered (so {@code $gt} is false). Metadata values
 * are always strings. A missing field (or JSON {@code null}) makes {@code $ne} and {@code $nin} true and every other
 * operator false. {@code $regex} is a Java regex that must match somewhere in a string value ({@code find}, like
 * JavaScript's {@code RegExp.test}); it is compiled once, here.
 */
public final class ConditionQuery {
    private final Clause clause;
    private final boolean readsParams;

    private ConditionQuery(Clause clause, boolean readsParams) {
        this.clause = clause;
        this.readsParams = readsParams;
    }

    /**
     * Parses and checks a query object.
     *
     * @param path JSON path of {@code node} used in error messages, e.g. {@code strategy.conditions[0].query}
     * @throws ConfigValidationException naming the exact path of the first problem
     */
    public static ConditionQuery parse(JsonNode node, String path) {
        return new ConditionQuery(parseQuery(node, path), mentionsParams(node));
    }

    public boolean matches(RequestFacts facts) {
        return clause.matches(facts);
    }

    /**
     * Whether any clause looks at {@code params.*}: the proxy parses the request body for the facts only then
     * (metadata and URL conditions need no body parse).
     */
    public boolean readsParams() {
        return readsParams;
    }

    /** Walks an already validated query: field keys, and the queries inside {@code $and}/{@code $or}. */
    private static boolean mentionsParams(JsonNode query) {
        Iterator<Map.Entry<String, JsonNode>> fields = query.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().startsWith("params.")) {
                return true;
            }
            if (field.getKey().equals("$and") || field.getKey().equals("$or")) {
                for (JsonNode nested : field.getValue()) {
                    if (mentionsParams(nested)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    // ---- parsing ----------------------------------------------------------------------------------------------

    private static Clause parseQuery(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new ConfigValidationException(path, "must be a query object");
        }
        if (node.isEmpty()) {
            throw new ConfigValidationException(path, "must not be empty");
        }
        List<Clause> clauses = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            String keyPath = path + "." + key;
            switch (key) {
                case "$and" -> clauses.add(new All(parseQueries(field.getValue(), keyPath)));
                case "$or" -> clauses.add(new Any(parseQueries(field.getValue(), keyPath)));
                default -> {
                    if (key.startsWith("$")) {
                        throw new ConfigValidationException(keyPath, "unknown logical operator "
                                + "(use $and or $or here; comparison operators go inside a field)");
                    }
                    clauses.addAll(parseField(key, field.getValue(), keyPath));
                }
            }
        }
        return clauses.size() == 1 ? clauses.get(0) : new All(clauses);
    }

    private static List<Clause> parseQueries(JsonNode node, String path) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new ConfigValidationException(path, "must be a non-empty array of query objects");
        }
        List<Clause> clauses = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            clauses.add(parseQuery(node.get(i), path + "[" + i + "]"));
        }
        return clauses;
    }

    private static List<Clause> parseField(String key, JsonNode value, String path) {
        Field field = Field.parse(key, path);
        if (!value.isObject()) {
            return List.of(new Compare(field, Op.EQ, scalar(value, path)));
        }
        if (value.isEmpty()) {
            throw new ConfigValidationException(path, "must hold at least one operator");
        }
        List<Clause> clauses = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> operators = value.fields();
        while (operators.hasNext()) {
            Map.Entry<String, JsonNode> operator = operators.next();
            String opPath = path + "." + operator.getKey();
            JsonNode operand = operator.getValue();
            switch (operator.getKey()) {
                case "$eq" -> clauses.add(new Compare(field, Op.EQ, scalar(operand, opPath)));
                case "$ne" -> clauses.add(new Compare(field, Op.NE, scalar(operand, opPath)));
                case "$gt" -> clauses.add(new Compare(field, Op.GT, ordered(operand, opPath)));
                case "$gte" -> clauses.add(new Compare(field, Op.GTE, ordered(operand, opPath)));
                case "$lt" -> clauses.add(new Compare(field, Op.LT, ordered(operand, opPath)));
                case "$lte" -> clauses.add(new Compare(field, Op.LTE, ordered(operand, opPath)));
                case "$in" -> clauses.add(new Member(field, true, scalars(operand, opPath)));
                case "$nin" -> clauses.add(new Member(field, false, scalars(operand, opPath)));
                case "$regex" -> clauses.add(new Matches(field, regex(operand, opPath)));
                default -> throw new ConfigValidationException(opPath,
                        "unknown operator (expected $eq, $ne, $gt, $gte, $lt, $lte, $in, $nin or $regex)");
            }
        }
        return clauses;
    }

    private static Value scalar(JsonNode node, String path) {
        Value value = Value.of(node);
        if (value == null) {
            throw new ConfigValidationException(path, "must be a string, number or boolean");
        }
        return value;
    }

    private static Value ordered(JsonNode node, String path) {
        if (!node.isTextual() && !node.isNumber()) {
            throw new ConfigValidationException(path, "must be a number or a string");
        }
        return Value.of(node);
    }

    private static List<Value> scalars(JsonNode node, String path) {
        if (!node.isArray()) {
            throw new ConfigValidationException(path, "must be an array of strings, numbers or booleans");
        }
        List<Value> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            values.add(scalar(node.get(i), path + "[" + i + "]"));
        }
        return List.copyOf(values);
    }

    private static Pattern regex(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw new ConfigValidationException(path, "must be a regular expression string");
        }
        try {
            return Pattern.compile(node.asText());
        } catch (PatternSyntaxException e) {
            throw new ConfigValidationException(path, "is not a valid regular expression: "
                    + e.getDescription() + " near index " + e.getIndex());
        }
    }

    // ---- model ------------------------------------------------------------------------------------------------

    /** A JSON scalar reduced to what comparisons need. */
    private record Value(Object value) {
        static Value of(JsonNode node) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return null;
            }
            if (node.isNumber()) {
                return new Value(node.decimalValue());
            }
            if (node.isTextual()) {
                return new Value(node.asText());
            }
            if (node.isBoolean()) {
                return new Value(node.booleanValue());
            }
            return null;
        }

        boolean sameAs(Value other) {
            if (value instanceof BigDecimal a && other.value instanceof BigDecimal b) {
                return a.compareTo(b) == 0;
            }
            return value.equals(other.value);
        }

        /** Negative, zero or positive; null when the two are not ordered against each other. */
        Integer compareTo(Value other) {
            if (value instanceof BigDecimal a && other.value instanceof BigDecimal b) {
                return a.compareTo(b);
            }
            if (value instanceof String a && other.value instanceof String b) {
                return a.compareTo(b);
            }
            return null;
        }
    }

    private enum Op { EQ, NE, GT, GTE, LT, LTE }

    /** Where a clause looks: one metadata key, a path into the body, or the URL path. */
    private record Field(String source, String metadataKey, String[] paramsPath) {
        static Field parse(String key, String path) {
            if (key.equals("url.pathname")) {
                return new Field("url", null, null);
            }
            if (key.startsWith("metadata.") && key.length() > "metadata.".length()) {
                return new Field("metadata", key.substring("metadata.".length()), null);
            }
            if (key.startsWith("params.") && key.length() > "params.".length()) {
                String[] segments = key.substring("params.".length()).split("\\.", -1);
                for (String segment : segments) {
                    if (segment.isEmpty()) {
                        throw new ConfigValidationException(path, "has an empty segment in the params path");
                    }
                }
                return new Field("params", null, segments);
            }
            throw new ConfigValidationException(path,
                    "unknown field (expected metadata.<key>, params.<path> or url.pathname)");
        }

        /** The field's value in this request, or null when it is absent or JSON null. */
        Value read(RequestFacts facts) {
            switch (source) {
                case "url":
                    return facts.urlPath() == null ? null : new Value(facts.urlPath());
                case "metadata": {
                    String value = facts.metadata().get(metadataKey);
                    return value == null ? null : new Value(value);
                }
                default: {
                    JsonNode node = facts.params();
                    for (String segment : paramsPath) {
                        node = node.isArray() && isIndex(segment) ? node.path(Integer.parseInt(segment))
                                : node.path(segment);
                    }
                    return Value.of(node);
                }
            }
        }

        private static boolean isIndex(String segment) {
            return segment.length() <= 9 && segment.chars().allMatch(Character::isDigit);
        }
    }

    private interface Clause {
        boolean matches(RequestFacts facts);
    }

    private record All(List<Clause> clauses) implements Clause {
        All {
            clauses = List.copyOf(clauses);
        }

        @Override
        public boolean matches(RequestFacts facts) {
            for (Clause clause : clauses) {
                if (!clause.matches(facts)) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Any(List<Clause> clauses) implements Clause {
        Any {
            clauses = List.copyOf(clauses);
        }

        @Override
        public boolean matches(RequestFacts facts) {
            for (Clause clause : clauses) {
                if (clause.matches(facts)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Compare(Field field, Op op, Value operand) implements Clause {
        @Override
        public boolean matches(RequestFacts facts) {
            Value actual = field.read(facts);
            if (actual == null) {
                return op == Op.NE;
            }
            if (op == Op.EQ) {
                return actual.sameAs(operand);
            }
            if (op == Op.NE) {
                return !actual.sameAs(operand);
            }
            Integer order = actual.compareTo(operand);
            if (order == null) {
                return false;
            }
            return switch (op) {
                case GT -> order > 0;
                case GTE -> order >= 0;
                case LT -> order < 0;
                case LTE -> order <= 0;
                default -> throw new IllegalStateException("unreachable: " + op);
            };
        }
    }

    private record Member(Field field, boolean in, List<Value> values) implements Clause {
        @Override
        public boolean matches(RequestFacts facts) {
            Value actual = field.read(facts);
            if (actual == null) {
                return !in;
            }
            boolean found = values.stream().anyMatch(actual::sameAs);
            return in == found;
        }
    }

    private record Matches(Field field, Pattern pattern) implements Clause {
        @Override
        public boolean matches(RequestFacts facts) {
            Value actual = field.read(facts);
            return actual != null && actual.value() instanceof String text && pattern.matcher(text).find();
        }
    }
}
