package io.turnpike.streamjobs.requestlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.streamjobs.clickhouse.ClickHouseClient;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLogRowTest {

    @Test
    void writesTimesAsUtcSecondsAndEpochMillis() {
        RequestLogRow row = RequestLogRow.of(SampleEvents.completed("req_1", "acme", 1200, 5_473_500L));

        assertThat(row.startedAt).isEqualTo("2026-11-25 10:15:30");
        assertThat(row.startedAtMs).isEqualTo(SampleEvents.STARTED.toEpochMilli());
        assertThat(row.completedAt).isEqualTo("2026-11-25 10:15:31");
        assertThat(row.completedAtMs).isEqualTo(SampleEvents.COMPLETED.toEpochMilli());
    }

    @Test
    void copiesIdentityUsageCostAndRouting() {
        RequestLogRow row = RequestLogRow.of(SampleEvents.completed("req_1", "acme", 1200, 5_473_500L));

        assertThat(row.requestId).isEqualTo("req_1");
        assertThat(row.traceId).isEqualTo("trace-req_1");
        assertThat(row.tenant).isEqualTo("acme");
        assertThat(row.user).isEqualTo("a@acme.com");
        assertThat(row.inputTokens).isEqualTo(1200);
        assertThat(row.outputTokens).isEqualTo(350);
        assertThat(row.cacheReadInputTokens).isEqualTo(100);
        assertThat(row.cacheCreationInputTokens).isEqualTo(40);
        assertThat(row.cacheCreation1hTokens).isEqualTo(10);
        assertThat(row.costNanoUsd).isEqualTo(5_473_500L);
        assertThat(row.priceVersion).isEqualTo("2026-11-01");
        assertThat(row.servedModel).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(row.stream).isEqualTo(1);
        assertThat(row.httpStatus).isEqualTo(200);
        assertThat(row.timeToFirstTokenMs).isEqualTo(210L);
        assertThat(row.schemaVersion).isEqualTo(1);
    }

    @Test
    void writesMetadataAsJsonObjectWithSortedKeys() {
        RequestLogRow row = RequestLogRow.of(SampleEvents.completed("req_1", "acme", 1, 1));

        assertThat(row.metadata).isEqualTo("{\"env\":\"prod\",\"project\":\"x\"}");
    }

    @Test
    void turnsMissingStringsIntoEmptyAndKeepsMissingTimeToFirstTokenNull() {
        RequestLogRow row = RequestLogRow.of(SampleEvents.failedWithoutOptionals("req_2"));

        assertThat(List.of(row.traceId, row.keyId, row.team, row.user, row.env, row.configId, row.provider,
                row.providerType, row.servedModel, row.priceVersion, row.sessionId, row.userAgent))
                .containsOnly("");
        assertThat(row.metadata).isEqualTo("{}");
        assertThat(row.errorType).isEqualTo("overloaded_error");
        assertThat(row.stream).isZero();
        assertThat(row.inputTokens).isZero();
        assertThat(row.timeToFirstTokenMs).isNull();
    }

    @Test
    void sameEventGivesEqualRowSoReplaysAreIndistinguishable() {
        assertThat(RequestLogRow.of(SampleEvents.completed("req_1", "acme", 7, 9)))
                .isEqualTo(RequestLogRow.of(SampleEvents.completed("req_1", "acme", 7, 9)))
                .isNotEqualTo(RequestLogRow.of(SampleEvents.completed("req_1", "acme", 8, 9)));
    }

    @Test
    void isAFlinkPojoSoKryoIsNeverUsed() {
        assertThat(TypeInformation.of(RequestLogRow.class)).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void jsonFieldsAreExactlyTheRequestLogColumns() throws IOException {
        byte[] line = ClickHouseClient.toJsonEachRow(List.of(RequestLogRow.of(SampleEvents.failedWithoutOptionals("r"))));
        JsonNode json = new ObjectMapper().readTree(line);
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);

        assertThat(fields).containsExactlyInAnyOrderElementsOf(requestLogColumns());
        assertThat(json.get("time_to_first_token_ms").isNull()).as("Nullable column gets explicit null").isTrue();
    }

    private static List<String> requestLogColumns() throws IOException {
        String ddl;
        try (InputStream in = RequestLogRowTest.class.getClassLoader()
                .getResourceAsStream("clickhouse/migrations/0001_request_log.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String body = ddl.substring(ddl.indexOf("(\n") + 2, ddl.indexOf("\n)"));
        Matcher column = Pattern.compile("(?m)^\\s+([a-z0-9_]+) [A-Z]").matcher(body);
        List<String> columns = new ArrayList<>();
        while (column.find()) {
            columns.add(column.group(1));
        }
        assertThat(columns).hasSize(33);
        // Later migrations add columns with ALTER TABLE request_log ADD COLUMN <name> …
        for (String migration : List.of("0002_request_log_web_search_requests.sql",
                "0003_request_log_routing_and_cache.sql", "0004_request_log_error_message.sql")) {
            try (InputStream in = RequestLogRowTest.class.getClassLoader()
                    .getResourceAsStream("clickhouse/migrations/" + migration)) {
                Matcher added = Pattern.compile("(?m)^ALTER TABLE request_log ADD COLUMN ([a-z0-9_]+) ")
                        .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (added.find()) {
                    columns.add(added.group(1));
                }
            }
        }
        return columns;
    }
}
