package io.turnpike.events.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random queries against random requests, checked against a small reference evaluator written straight from the
 * documented semantics. Seeded, so a failure names a reproducible case.
 */
class ConditionQueryPropertyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CASES = 3000;

    private static final List<String> FIELDS = List.of("metadata.env", "metadata.team", "metadata.n",
            "params.model", "params.max_tokens", "params.temperature", "params.stream", "params.meta.x",
            "url.pathname");
    private static final List<String> OPERATORS = List.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin",
            "$regex");
    private static final List<Object> STRINGS = List.of("prod", "dev", "eng", "1", "10", "9", "claude-a",
            "claude-b", "/v1/messages", "");
    private static final List<Object> NUMBERS = List.of(new BigDecimal("0"), new BigDecimal("1"),
            new BigDecimal("9"), new BigDecimal("10"), new BigDecimal("1.5"), new BigDecimal("-3"));
    private static final List<String> REGEXES = List.of("^pro", "d$", "1", "a.c", "^claude-", "messages", "^$");
    private static final List<String> PATHS = List.of("/v1/messages", "/v1/messages/count_tokens", "/v1/models");

    // ---- the query as data, and the obviously-correct reference semantics ------------------------------------

    /** One query object: field clauses plus optional $and / $or, all ANDed. */
    private record Query(Map<String, Map<String, Object>> fields, List<Query> and, List<Query> or) {
    }

    private static boolean reference(Query query, Map<String, Object> facts) {
        for (Map.Entry<String, Map<String, Object>> field : query.fields().entrySet()) {
            for (Map.Entry<String, Object> op : field.getValue().entrySet()) {
                if (!referenceOp(op.getKey(), facts.get(field.getKey()), op.getValue())) {
                    return false;
                }
            }
        }
        if (query.and() != null && !query.and().stream().allMatch(q -> reference(q, facts))) {
            return false;
        }
        return query.or() == null || query.or().stream().anyMatch(q -> reference(q, facts));
    }

    private static boolean referenceOp(String op, Object actual, Object operand) {
        if (actual == null) {
            return op.equals("$ne") || op.equals("$nin");
        }
        switch (op) {
            case "$eq":
                return same(actual, operand);
            case "$ne":
                return !same(actual, operand);
            case "$in":
                return ((List<?>) operand).stream().anyMatch(v -> same(actual, v));
            case "$nin":
                return ((List<?>) operand).stream().noneMatch(v -> same(actual, v));
            case "$regex":
                return actual instanceof String s && Pattern.compile((String) operand).matcher(s).find();
            default:
                int order;
                if (actual instanceof BigDecimal a && operand instanceof BigDecimal b) {
                    order = a.compareTo(b);
                } else if (actual instanceof String a && operand instanceof String b) {
                    order = a.compareTo(b);
                } else {
                    return false;
                }
                return switch (op) {
                    case "$gt" -> order > 0;
                    case "$gte" -> order >= 0;
                    case "$lt" -> order < 0;
                    case "$lte" -> order <= 0;
                    default -> throw new IllegalArgumentException(op);
                };
        }
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return a.equals(b);
    }

    // ---- generators -------------------------------------------------------------------------------------------

    private static Query randomQuery(Random random, int depth) {
        Map<String, Map<String, Object>> fields = new LinkedHashMap<>();
        int fieldCount = random.nextInt(depth == 0 ? 4 : 3);
        for (int i = 0; i < fieldCount; i++) {
            Map<String, Object> ops = new LinkedHashMap<>();
            int opCount = 1 + random.nextInt(2);
            for (int j = 0; j < opCount; j++) {
                String op = pick(random, OPERATORS);
                ops.put(op, randomOperand(random, op));
            }
            fields.put(pick(random, FIELDS), ops);
        }
        List<Query> and = depth < 2 && random.nextInt(4) == 0 ? randomQueries(random, depth + 1) : null;
        List<Query> or = depth < 2 && random.nextInt(3) == 0 ? randomQueries(random, depth + 1) : null;
        if (fields.isEmpty() && and == null && or == null) {
            fields.put(pick(random, FIELDS), Map.of("$eq", randomScalar(random)));
        }
        return new Query(fields, and, or);
    }

    private static List<Query> randomQueries(Random random, int depth) {
        List<Query> queries = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            queries.add(randomQuery(random, depth));
        }
        return queries;
    }

    private static Object randomOperand(Random random, String op) {
        return switch (op) {
            case "$regex" -> pick(random, REGEXES);
            case "$in", "$nin" -> {
                List<Object> values = new ArrayList<>();
                int count = random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    values.add(randomScalar(random));
                }
                yield values;
            }
            case "$gt", "$gte", "$lt", "$lte" -> random.nextBoolean() ? pick(random, STRINGS) : pick(random, NUMBERS);
            default -> randomScalar(random);
        };
    }

    private static Object randomScalar(Random random) {
        return switch (random.nextInt(5)) {
            case 0, 1 -> pick(random, STRINGS);
            case 2, 3 -> pick(random, NUMBERS);
            default -> random.nextBoolean();
        };
    }

    /** Field name → value as the reference sees it (null = missing or JSON null). */
    private static Map<String, Object> randomFacts(Random random) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (String field : FIELDS) {
            if (random.nextInt(10) < 3) {
                continue;
            }
            Object value;
            if (field.startsWith("metadata.")) {
                value = pick(random, STRINGS);
            } else if (field.equals("url.pathname")) {
                value = pick(random, PATHS);
            } else {
                value = random.nextInt(8) == 0 ? JsonNullMarker.NULL : randomScalar(random);
            }
            facts.put(field, value);
        }
        return facts;
    }

    private enum JsonNullMarker { NULL }

    private static RequestFacts toRequestFacts(Map<String, Object> facts) {
        Map<String, String> metadata = new LinkedHashMap<>();
        ObjectNode params = JSON.createObjectNode();
        String url = null;
        for (Map.Entry<String, Object> fact : facts.entrySet()) {
            String field = fact.getKey();
            if (field.startsWith("metadata.")) {
                metadata.put(field.substring("metadata.".length()), (String) fact.getValue());
            } else if (field.equals("url.pathname")) {
                url = (String) fact.getValue();
            } else {
                String[] segments = field.substring("params.".length()).split("\\.");
                ObjectNode parent = params;
                for (int i = 0; i < segments.length - 1; i++) {
                    parent = parent.has(segments[i]) ? (ObjectNode) parent.get(segments[i]) : parent.putObject(segments[i]);
                }
                parent.set(segments[segments.length - 1], toJson(fact.getValue()));
            }
        }
        return new RequestFacts(metadata, reparse(params), url);
    }

    private static JsonNode toJson(Object value) {
        if (value == JsonNullMarker.NULL) {
            return JSON.nullNode();
        }
        if (value instanceof String s) {
            return JSON.getNodeFactory().textNode(s);
        }
        if (value instanceof BigDecimal d) {
            return JSON.getNodeFactory().numberNode(d);
        }
        if (value instanceof Boolean b) {
            return JSON.getNodeFactory().booleanNode(b);
        }
        ArrayNode array = JSON.createArrayNode();
        ((List<?>) value).forEach(v -> array.add(toJson(v)));
        return array;
    }

    private static JsonNode toJson(Query query) {
        ObjectNode node = JSON.createObjectNode();
        query.fields().forEach((field, ops) -> {
            ObjectNode operators = node.putObject(field);
            ops.forEach((op, operand) -> operators.set(op, toJson(operand)));
        });
        if (query.and() != null) {
            ArrayNode and = node.putArray("$and");
            query.and().forEach(q -> and.add(toJson(q)));
        }
        if (query.or() != null) {
            ArrayNode or = node.putArray("$or");
            query.or().forEach(q -> or.add(toJson(q)));
        }
        return node;
    }

    /** Through text and back, as a stored document would be read. */
    private static JsonNode reparse(JsonNode node) {
        try {
            return JSON.readTree(node.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    // ---- the property -----------------------------------------------------------------------------------------

    @Test
    void evaluatorAgreesWithTheReferenceOnRandomQueriesAndRequests() {
        Random random = new Random(20260425L);
        int matched = 0;
        for (int i = 0; i < CASES; i++) {
            Query query = randomQuery(random, 0);
            JsonNode queryJson = reparse(toJson(query));
            ConditionQuery parsed = ConditionQuery.parse(queryJson, "query");
            for (int r = 0; r < 5; r++) {
                Map<String, Object> facts = randomFacts(random);
                Map<String, Object> referenceFacts = new LinkedHashMap<>(facts);
                referenceFacts.replaceAll((k, v) -> v == JsonNullMarker.NULL ? null : v);
                boolean expected = reference(query, referenceFacts);
                boolean actual = parsed.matches(toRequestFacts(facts));
                assertThat(actual).as("case %d.%d: query %s on %s", i, r, queryJson, facts).isEqualTo(expected);
                if (expected) {
                    matched++;
                }
            }
        }
        // Guard against a generator so skewed that the property says nothing.
        assertThat(matched).as("matching cases").isBetween(CASES * 5 / 20, CASES * 5 * 19 / 20);
    }
}
