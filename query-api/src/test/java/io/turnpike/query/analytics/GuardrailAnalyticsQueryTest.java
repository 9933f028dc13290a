package io.turnpike.query.analytics;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardrailAnalyticsQueryTest {

    private static GuardrailAnalyticsFilter grouped(List<String> groupBy) {
        return new GuardrailAnalyticsFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), groupBy, 100);
    }

    @Test
    void countsPerTenantAndTheRequestedDimensionsWithFinalMostDenialsFirst() {
        String sql = new GuardrailAnalyticsQuery("turnpike", grouped(List.of("guardrail_id", "team"))).toSql();

        assertThat(sql).startsWith("SELECT tenant, guardrail_id, team, count() AS evaluations,"
                        + " countIf(verdict = 'FAIL') AS fails, countIf(verdict = 'ERROR') AS errors,"
                        + " countIf(action_taken = 'deny') AS denials,"
                        + " uniqExactIf(request_id, action_taken = 'deny') AS denied_requests,"
                        + " countIf(action_taken = 'warn') AS warns, countIf(action_taken = 'redact') AS redactions,"
                        + " quantile(0.95)(latency_micros) AS p95_latency_micros"
                        + " FROM `turnpike`.guardrail_evaluations FINAL")
                .endsWith(" GROUP BY tenant, guardrail_id, team"
                        + " ORDER BY denials DESC, evaluations DESC, tenant, guardrail_id, team LIMIT 100"
                        + " FORMAT JSONEachRow")
                .doesNotContain("WHERE");
    }

    @Test
    void anEmptyGroupByGivesPerTenantTotals() {
        assertThat(new GuardrailAnalyticsQuery("turnpike", grouped(List.of())).toSql())
                .contains(" GROUP BY tenant ORDER BY denials DESC, evaluations DESC, tenant LIMIT");
    }

    @Test
    void filtersEveryGivenDimensionAndBothTimeBoundsExactlyToTheMillisecond() {
        GuardrailAnalyticsFilter filter = new GuardrailAnalyticsFilter(Optional.of("acme"), Optional.of("eng"),
                Optional.of("a@acme.com"), Optional.of("prod"), Optional.of("no-pii"),
                Optional.of(Instant.parse("2026-11-25T10:00:00.250Z")), Optional.of(Instant.parse("2026-11-25T11:00:00Z")),
                List.of("verdict"), 5);

        assertThat(new GuardrailAnalyticsQuery("turnpike", filter).toSql()).contains(
                " WHERE tenant = 'acme' AND team = 'eng' AND user = 'a@acme.com' AND env = 'prod'"
                        + " AND guardrail_id = 'no-pii'"
                        + " AND occurred_at >= toDateTime(1795600800) AND occurred_at_ms >= 1795600800250"
                        + " AND occurred_at <= toDateTime(1795604400) AND occurred_at_ms <= 1795604400000"
                        + " GROUP BY tenant, verdict");
    }

    @Test
    void quotesHostileValuesSoTheyStayLiterals() {
        GuardrailAnalyticsFilter filter = new GuardrailAnalyticsFilter(Optional.of("acme' OR 1=1 --"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("x\\' y"), Optional.empty(),
                Optional.empty(), List.of("team"), 5);

        assertThat(new GuardrailAnalyticsQuery("turnpike", filter).toSql())
                .contains("tenant = 'acme\\' OR 1=1 --' AND guardrail_id = 'x\\\\\\' y'");
    }

    @Test
    void refusesDimensionsOutsideTheListSoNoCallerTextBecomesAColumn() {
        assertThatThrownBy(() -> grouped(List.of("team", "sleep(3)"))).hasMessageContaining("group_by");
        assertThatThrownBy(() -> grouped(List.of("team", "team"))).hasMessageContaining("twice");
        assertThatThrownBy(() -> new GuardrailAnalyticsQuery("x; DROP TABLE y", grouped(List.of("team"))).toSql())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
