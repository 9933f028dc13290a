package io.turnpike.query.logs;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestLogQueryTest {

    private static RequestLogFilter all(int limit) {
        return new RequestLogFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), limit);
    }

    @Test
    void readsNewestFirstWithFinalAndJsonEachRow() {
        String sql = new RequestLogQuery("turnpike", all(50)).toSql();
        assertThat(sql).startsWith("SELECT request_id, trace_id, started_at_ms")
                .contains(" FROM `turnpike`.request_log FINAL ORDER BY started_at_ms DESC, request_id DESC LIMIT 50")
                .endsWith("FORMAT JSONEachRow")
                .doesNotContain("WHERE");
    }

    @Test
    void filtersEveryGivenDimensionAndTimeBound() {
        RequestLogFilter filter = new RequestLogFilter(Optional.of("acme"), Optional.of("eng"),
                Optional.of("a@acme.com"), Optional.of("prod"), Optional.of(Instant.parse("2026-11-25T10:00:00.250Z")),
                Optional.of(Instant.parse("2026-11-25T11:00:00Z")), 10);
        assertThat(new RequestLogQuery("turnpike", filter).toSql()).contains(
                " WHERE tenant = 'acme' AND team = 'eng' AND user = 'a@acme.com' AND env = 'prod'"
                        + " AND started_at >= toDateTime(1795600800) AND started_at_ms >= 1795600800250"
                        + " AND started_at <= toDateTime(1795604400) AND started_at_ms <= 1795604400000"
                        + " ORDER BY");
    }

    @Test
    void quotesHostileValuesSoTheyStayLiterals() {
        RequestLogFilter filter = new RequestLogFilter(Optional.of("acme' OR 1=1 --"), Optional.of("a\\' x"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 5);
        assertThat(new RequestLogQuery("turnpike", filter).toSql())
                .contains("tenant = 'acme\\' OR 1=1 --' AND team = 'a\\\\\\' x'");
    }

    @Test
    void keepsRequestsWithAVerdictOfTheGivenActionMatchedOnTenantAndRequestId() {
        RequestLogFilter filter = new RequestLogFilter(Optional.of("acme"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(Instant.parse("2026-11-25T10:00:00.250Z")), Optional.empty(), 10,
                Optional.of("deny"));
        assertThat(new RequestLogQuery("turnpike", filter).toSql()).contains(
                " AND (tenant, request_id) IN (SELECT tenant, request_id FROM `turnpike`.guardrail_evaluations FINAL"
                        + " WHERE action_taken = 'deny' AND tenant = 'acme' AND occurred_at >= toDateTime(1795600800))"
                        + " ORDER BY");
        assertThat(new RequestLogQuery("turnpike", all(5)).toSql()).doesNotContain("guardrail_evaluations");
    }

    @Test
    void refusesAnUnknownGuardrailAction() {
        assertThatThrownBy(() -> new RequestLogFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 5, Optional.of("block")))
                .hasMessageContaining("guardrail_action");
    }

    @Test
    void refusesUnsafeDatabaseNames() {
        assertThatThrownBy(() -> new RequestLogQuery("x; DROP TABLE y", all(1)).toSql())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void boundsTheLimitAndTimeRange() {
        assertThatThrownBy(() -> all(0)).hasMessageContaining("limit");
        assertThatThrownBy(() -> all(1001)).hasMessageContaining("limit");
        assertThatThrownBy(() -> new RequestLogFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(Instant.ofEpochSecond(10)), Optional.of(Instant.ofEpochSecond(5)), 1))
                .hasMessageContaining("from must not be after to");
    }
}
