package io.turnpike.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.streamjobs.clickhouse.ClickHouseClient;
import io.turnpike.streamjobs.clickhouse.ClickHouseConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every SQL statement in the provisioned Grafana dashboards runs on the ClickHouse the tests use (18.16 here), with
 * the plugin's macros expanded the way Grafana expands them.
 */
@ExtendWith(SharedStack.class)
class DashboardQueriesIT {
    private static final Path DASHBOARDS = Path.of("../../dashboards/json");
    /** {@code $__timeFilter(column)} as the plugin expands it, for whichever time column a panel filters on. */
    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\((\\w+)\\)");
    private static RunningStack stack;

    @BeforeAll
    static void connect(RunningStack running) {
        stack = running;
    }

    @Test
    void everyPanelAndVariableQueryRuns() throws IOException {
        List<String> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                collectSql(new ObjectMapper().readTree(file.toFile()), queries);
            }
        }
        assertThat(queries).hasSizeGreaterThanOrEqualTo(8);
        assertThat(queries).as("the guardrail panels are among them")
                .anySatisfy(sql -> assertThat(sql).contains("guardrail_evaluations").contains("'deny'"));

        try (ClickHouseClient client = new ClickHouseClient(ClickHouseConnection.of(stack.clickHouseUrl(), "turnpike"))) {
            for (String sql : queries) {
                String expanded = TIME_FILTER.matcher(sql)
                        .replaceAll("$1 >= toDateTime(1700000000) AND $1 <= toDateTime(2000000000)")
                        .replace("${tenant}", "acme");
                assertThat(expanded).as("every macro is expanded").doesNotContain("$");
                client.queryJsonEachRow(expanded + " FORMAT JSONEachRow");
            }
        }
    }

    private static void collectSql(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if ((field.getKey().equals("rawSql") || field.getKey().equals("query")) && field.getValue().isTextual()) {
                    out.add(field.getValue().asText());
                } else {
                    collectSql(field.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectSql(child, out));
        }
    }
}
