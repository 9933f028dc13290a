package io.turnpike.query.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.query.logs.ClickHouseReader;

import java.util.List;

/** Runs {@link GuardrailAnalyticsQuery} and shapes each row: dimensions as strings (the version as a number), counts as numbers. */
public final class GuardrailAnalyticsRepository {
    private final ClickHouseReader reader;
    private final String database;

    public GuardrailAnalyticsRepository(ClickHouseReader reader, String database) {
        this.reader = reader;
        this.database = database;
    }

    public List<ObjectNode> find(GuardrailAnalyticsFilter filter) {
        GuardrailAnalyticsQuery query = new GuardrailAnalyticsQuery(database, filter);
        return reader.query(query.toSql()).stream().map(row -> toApi(row, query.dimensions())).toList();
    }

    static ObjectNode toApi(JsonNode row, List<String> dimensions) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String dimension : dimensions) {
            if (dimension.equals("guardrail_version")) {
                out.put(dimension, row.path(dimension).asLong());
            } else {
                out.put(dimension, row.path(dimension).asText());
            }
        }
        for (String measure : GuardrailAnalyticsQuery.MEASURES) {
            // 18.16 quotes 64-bit integers in JSON; asLong reads both forms. The quantile is a float: whole µs.
            JsonNode value = row.path(measure);
            out.put(measure, value.isFloatingPointNumber() ? Math.round(value.asDouble()) : value.asLong());
        }
        return out;
    }
}
