package io.turnpike.streamjobs.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.events.guardrails.GuardrailEvaluated;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardrailEvaluationRowTest {

    @Test
    void copiesEveryFieldOfTheEventWithTheTimeInUtcSecondsAndMillis() {
        GuardrailEvaluationRow row = GuardrailEvaluationRow.of(SampleVerdicts.denied("req_1", "acme", 2,
                SampleVerdicts.AT));

        assertThat(row.occurredAt).isEqualTo("2026-11-25 10:15:30");
        assertThat(row.occurredAtMs).isEqualTo(SampleVerdicts.AT.toEpochMilli());
        assertThat(row.requestId).isEqualTo("req_1");
        assertThat(row.traceId).isEqualTo("trace-req_1");
        assertThat(row.tenant).isEqualTo("acme");
        assertThat(row.team).isEqualTo("eng");
        assertThat(row.guardrailId).isEqualTo("no-pii");
        assertThat(row.guardrailVersion).isEqualTo(3);
        assertThat(row.checkIndex).isEqualTo(2);
        assertThat(row.checkType).isEqualTo("pii");
        assertThat(row.appliesTo).isEqualTo("input");
        assertThat(row.verdict).isEqualTo("FAIL");
        assertThat(row.actionTaken).isEqualTo("deny");
        assertThat(row.category).isEqualTo("email");
        assertThat(row.matchCount).isEqualTo(2);
        assertThat(row.latencyMicros).isEqualTo(142);
        assertThat(row.schemaVersion).isEqualTo(1);
    }

    @Test
    void turnsMissingStringsIntoEmptyAndAMissingCheckIndexIntoZero() {
        GuardrailEvaluated withoutIndex = new GuardrailEvaluated(1, SampleVerdicts.AT, "r", null, null, null, null,
                null, null, "g", 0, "regexMatch", "PASS", "none", null, 0, 3, "output");

        GuardrailEvaluationRow row = GuardrailEvaluationRow.of(withoutIndex);

        assertThat(List.of(row.traceId, row.keyId, row.tenant, row.team, row.user, row.env, row.category))
                .containsOnly("");
        assertThat(row.checkIndex).isZero();
        assertThat(row.appliesTo).isEqualTo("output");
    }

    @Test
    void refusesNegativeCountsInsteadOfWrappingThemInUnsignedColumns() {
        GuardrailEvaluated negative = new GuardrailEvaluated(1, SampleVerdicts.AT, "r", null, null, null, null, null,
                null, "g", 0, "pii", "PASS", "none", null, -1, 3, "input", 0);

        assertThatThrownBy(() -> GuardrailEvaluationRow.of(negative)).hasMessageContaining("match_count");
    }

    @Test
    void sameEventGivesEqualRowSoReplaysAreIndistinguishable() {
        assertThat(GuardrailEvaluationRow.of(SampleVerdicts.denied("r", "acme", 0, SampleVerdicts.AT)))
                .isEqualTo(GuardrailEvaluationRow.of(SampleVerdicts.denied("r", "acme", 0, SampleVerdicts.AT)))
                .isNotEqualTo(GuardrailEvaluationRow.of(SampleVerdicts.denied("r", "acme", 1, SampleVerdicts.AT)));
    }

    @Test
    void isAFlinkPojoSoKryoIsNeverUsed() {
        assertThat(TypeInformation.of(GuardrailEvaluationRow.class)).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void jsonFieldsAreExactlyTheTableColumns() throws IOException {
        byte[] line = ClickHouseClient.toJsonEachRow(List.of(GuardrailEvaluationRow.of(
                SampleVerdicts.passedOutput("r", "acme", 0, SampleVerdicts.AT))));
        List<String> fields = new ArrayList<>();
        new ObjectMapper().readTree(line).fieldNames().forEachRemaining(fields::add);

        assertThat(fields).containsExactlyInAnyOrderElementsOf(tableColumns());
    }

    private static List<String> tableColumns() throws IOException {
        String ddl;
        try (InputStream in = GuardrailEvaluationRowTest.class.getClassLoader()
                .getResourceAsStream("clickhouse/migrations/0005_guardrail_evaluations.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String body = ddl.substring(ddl.indexOf("(\n") + 2, ddl.indexOf("\n)"));
        Matcher column = Pattern.compile("(?m)^\\s+([a-z0-9_]+) [A-Z]").matcher(body);
        List<String> columns = new ArrayList<>();
        while (column.find()) {
            columns.add(column.group(1));
        }
        assertThat(columns).hasSize(20);
        return columns;
    }
}
