package io.turnpike.query.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Attaches to each request-log entry of a page the {@code guardrails} array of its verdicts, read in one extra
 * query ({@link GuardrailVerdictsQuery}); an entry without verdicts gets an empty array.
 */
final class GuardrailVerdicts {
    /** The values of {@code action_taken}: what the proxy did about a check's verdict. */
    static final List<String> ACTIONS = List.of("none", "deny", "warn", "redact");

    private final ClickHouseReader reader;
    private final String database;

    GuardrailVerdicts(ClickHouseReader reader, String database) {
        this.reader = reader;
        this.database = database;
    }

    /** @param rows the page as read from {@code request_log}; {@code entries} the same rows shaped for the API */
    void attach(List<JsonNode> rows, List<ObjectNode> entries) {
        if (rows.isEmpty()) {
            return;
        }
        Instant firstStart = Instant.ofEpochMilli(rows.stream()
                .mapToLong(r -> r.path("started_at_ms").asLong()).min().orElseThrow());
        Instant lastCompletion = Instant.ofEpochMilli(rows.stream()
                .mapToLong(r -> r.path("completed_at_ms").asLong()).max().orElseThrow());
        List<GuardrailVerdictsQuery.RequestKey> keys = rows.stream()
                .map(r -> new GuardrailVerdictsQuery.RequestKey(r.path("tenant").asText(), r.path("request_id").asText()))
                .toList();
        Map<GuardrailVerdictsQuery.RequestKey, ArrayNode> byRequest = new HashMap<>();
        for (JsonNode verdict : reader.query(new GuardrailVerdictsQuery(database, keys, firstStart, lastCompletion)
                .toSql())) {
            byRequest.computeIfAbsent(new GuardrailVerdictsQuery.RequestKey(verdict.path("tenant").asText(),
                    verdict.path("request_id").asText()), k -> JsonNodeFactory.instance.arrayNode())
                    .add(toApi(verdict));
        }
        for (int i = 0; i < entries.size(); i++) {
            ArrayNode verdicts = byRequest.get(keys.get(i));
            entries.get(i).set("guardrails", verdicts == null ? JsonNodeFactory.instance.arrayNode() : verdicts);
        }
    }

    static ObjectNode toApi(JsonNode row) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode out = f.objectNode();
        for (String field : List.of("guardrail_id", "check_type", "applies_to", "verdict", "action_taken")) {
            out.put(field, row.path(field).asText());
        }
        String category = row.path("category").asText();
        out.set("category", category.isEmpty() ? f.nullNode() : f.textNode(category));
        out.put("match_count", row.path("match_count").asLong());
        // 18.16 quotes 64-bit integers in JSON; asLong reads both forms.
        out.put("latency_micros", row.path("latency_micros").asLong());
        return out;
    }
}
