package io.turnpike.streamjobs.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** What the migrator needs from a database; {@link ClickHouseClient} in production, a fake in unit tests. */
interface SqlSession {
    void createDatabaseIfMissing();

    void execute(String sql);

    void insertJsonEachRow(String table, List<?> rows);

    List<JsonNode> queryJsonEachRow(String sql);
}
