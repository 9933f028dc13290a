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
        if (!sql.equals(ClickHouseMigrator.SELECT_APPLIED)) {
            throw new IllegalArgumentException("unexpected query: " + sql);
        }
        return history.stream().map(row -> (JsonNode) JSON.valueToTree(row)).toList();
    }
}
