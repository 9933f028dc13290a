package io.turnpike.streamjobs.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records statements in order and plays {@code schema_migrations}: rows inserted there come back from the
 * applied-versions query, as they would from ClickHouse.
 */
final class FakeSqlSession implements SqlSession {
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<String> log = new ArrayList<>();
    final List<Map<?, ?>> history = new ArrayList<>();
    /** {@code table.column} names that {@code system.columns} reports as present. */
    final java.util.Set<String> existingColumns = new java.util.HashSet<>();

    @Override
    public void createDatabaseIfMissing() {
        log.add("CREATE DATABASE");
    }

    @Override
    public void execute(String sql) {
        log.add(sql);
    }

    @Override
    public void insertJsonEachRow(String table, List<?> rows) {
        log.add("INSERT INTO " + table);
        if (table.equals(ClickHouseMigrator.HISTORY_TABLE)) {
            rows.forEach(row -> history.add((Map<?, ?>) row));
        }
    }

    @Override
    public List<JsonNode> queryJsonEachRow(String sql) {
        log.add(sql);
        if (sql.startsWith("SELECT count() AS n FROM system.columns")) {
            long n = existingColumns.stream().filter(c -> {
                String[] parts = c.split("\\.");
                return sql.contains("table = '" + parts[0] + "'") && sql.contains("name = '" + parts[1] + "'");
            }).count();
            return List.of(JSON.createObjectNode().put("n", n));
        }
        if (!sql.equals(ClickHouseMigrator.SELECT_APPLIED)) {
            throw new IllegalArgumentException("unexpected query: " + sql);
        }
        return history.stream().map(row -> (JsonNode) JSON.valueToTree(row)).toList();
    }
}
