package io.turnpike.query.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Reads request-log pages and shapes each row like the {@code RequestCompleted} event it came from, with the
 * request's guardrail verdicts as {@code guardrails} (one more query per page, see {@link GuardrailVerdicts}).
 */
public final class RequestLogRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ClickHouseReader reader;
    private final String database;
    private final GuardrailVerdicts guardrailVerdicts;

    public RequestLogRepository(ClickHouseReader reader, String database) {
        this.reader = reader;
        this.database = database;
        this.guardrailVerdicts = new GuardrailVerdicts(reader, database);
    }

    public List<ObjectNode> find(RequestLogFilter filter) {
        List<JsonNode> rows = reader.query(new RequestLogQuery(database, filter).toSql());
        List<ObjectNode> entries = rows.stream().map(RequestLogRepository::toApi).toList();
        guardrailVerdicts.attach(rows, entries);
        return entries;
    }

    static ObjectNode toApi(JsonNode row) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode out = f.objectNode();
        out.put("request_id", row.path("request_id").asText());
        out.put("trace_id", row.path("trace_id").asText());
        out.put("started_at", Instant.ofEpochMilli(row.path("started_at_ms").asLong()).toString());
        out.put("completed_at", Instant.ofEpochMilli(row.path("completed_at_ms").asLong()).toString());
        for (String field : List.of("key_id", "tenant", "team", "user", "env", "config_id", "provider",
                "provider_type", "requested_model", "served_model", "endpoint")) {
            out.put(field, row.path(field).asText());
        }
        out.set("metadata", parseMetadata(row.path("metadata").asText()));
        out.put("config_version", row.path("config_version").asInt());
        out.put("target_path", row.path("target_path").asText());
        out.put("attempts", row.path("attempts").asInt());
        String cacheStatus = row.path("cache_status").asText();
        out.set("cache_status", cacheStatus.isEmpty() ? f.nullNode() : f.textNode(cacheStatus));
        out.put("stream", row.path("stream").asInt() == 1);
        out.put("http_status", row.path("http_status").asInt());
        String errorType = row.path("error_type").asText();
        out.set("error_type", errorType.isEmpty() ? f.nullNode() : f.textNode(errorType));
        String errorMessage = row.path("error_message").asText();
        out.set("error_message", errorMessage.isEmpty() ? f.nullNode() : f.textNode(errorMessage));
        ObjectNode usage = out.putObject("usage");
        for (String field : List.of("input_tokens", "output_tokens", "cache_read_input_tokens",
                "cache_creation_input_tokens", "cache_creation_1h_tokens", "web_search_requests")) {
            // 18.16 quotes 64-bit integers in JSON; asLong reads both forms.
            usage.put(field, row.path(field).asLong());
        }
        long nanos = row.path("cost_nano_usd").asLong();
        out.put("cost_usd", BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString());
        out.put("cost_nano_usd", nanos);
        long saved = row.path("saved_cost_nano_usd").asLong();
        out.put("saved_cost_usd", BigDecimal.valueOf(saved, 9).stripTrailingZeros().toPlainString());
        out.put("price_version", row.path("price_version").asText());
        out.put("latency_ms", row.path("latency_ms").asLong());
        JsonNode ttft = row.path("time_to_first_token_ms");
        out.set("time_to_first_token_ms", ttft.isNull() || ttft.isMissingNode() ? f.nullNode() : f.numberNode(ttft.asLong()));
        String session = row.path("session_id").asText();
        out.set("session_id", session.isEmpty() ? f.nullNode() : f.textNode(session));
        out.put("user_agent", row.path("user_agent").asText());
        return out;
    }

    private static JsonNode parseMetadata(String json) {
        if (json == null || json.isEmpty()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }
}
