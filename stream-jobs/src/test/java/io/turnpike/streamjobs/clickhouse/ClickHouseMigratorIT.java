package io.turnpike.streamjobs.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import io.turnpike.infra.local.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the real local ClickHouse (18.16 here): the migrations, the client's three operations and FINAL. */
class ClickHouseMigratorIT {
    private ClickHouseConnection connection;
    private ClickHouseClient client;

    @BeforeEach
    void connect() {
        String database = "it_" + UUID.randomUUID().toString().replace("-", "");
        connection = ClickHouseConnection.of(TestServices.clickHouseUrl(), database);
        client = new ClickHouseClient(connection);
    }

    @AfterEach
    void dropDatabase() {
        client.execute("DROP DATABASE IF EXISTS " + connection.database());
        client.close();
    }

    @Test
    void createsTheDatabaseAndRequestLogOnceAndIsANoOpAfterwards() {
        List<String> first = ClickHouseMigrator.migrate(connection);
        List<String> second = ClickHouseMigrator.migrate(connection);

        assertThat(first).contains("0001_request_log.sql");
        assertThat(second).isEmpty();
        assertThat(client.queryJsonEachRow("SELECT engine FROM system.tables WHERE database = '"
                + connection.database() + "' AND name = 'request_log' FORMAT JSONEachRow"))
                .singleElement().satisfies(row -> assertThat(row.get("engine").asText()).isEqualTo("ReplacingMergeTree"));
        assertThat(client.queryJsonEachRow("SELECT version, name FROM schema_migrations FINAL FORMAT JSONEachRow"))
                .extracting(row -> row.get("name").asText())
                .containsExactlyElementsOf(first);
    }

    @Test
    void concurrentMigratorsBothSucceedAndRecordEachVersionOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Callable<List<String>> migrate = () -> ClickHouseMigrator.migrate(connection);
                runs.add(pool.submit(migrate));
            }
            for (Future<List<String>> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(client.queryJsonEachRow(
                "SELECT count() AS c, uniqExact(version) AS v FROM schema_migrations FINAL FORMAT JSONEachRow"))
                .singleElement().satisfies(row -> assertThat(row.get("c").asLong()).isEqualTo(row.get("v").asLong()));
    }

    @Test
    void aReplayedRowCollapsesUnderFinal() {
        ClickHouseMigrator.migrate(connection);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("request_id", "req_1");
        row.put("tenant", "acme");
        row.put("started_at", "2026-11-25 10:15:30");
        row.put("started_at_ms", 1795601730123L);
        row.put("cost_nano_usd", 5_473_500L);
        row.put("time_to_first_token_ms", null);

        client.insertJsonEachRow("request_log", List.of(row));
        client.insertJsonEachRow("request_log", List.of(row));

        List<JsonNode> rows = client.queryJsonEachRow("SELECT request_id, started_at, started_at_ms, cost_nano_usd,"
                + " time_to_first_token_ms FROM request_log FINAL FORMAT JSONEachRow");
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.get("request_id").asText()).isEqualTo("req_1");
            assertThat(r.get("started_at").asText()).isEqualTo("2026-11-25 10:15:30");
            assertThat(r.get("started_at_ms").asLong()).isEqualTo(1795601730123L);
            assertThat(r.get("cost_nano_usd").asLong()).isEqualTo(5_473_500L);
            assertThat(r.get("time_to_first_token_ms").isNull()).isTrue();
        });
    }
}
