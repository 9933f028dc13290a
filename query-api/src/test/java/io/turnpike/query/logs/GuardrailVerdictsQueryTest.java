package io.turnpike.query.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardrailVerdictsQueryTest {
    private static final Instant START = Instant.parse("2026-11-25T10:00:00.250Z");

    @Test
    void looksUpThePagesRequestsByTenantAndIdWithinTheirTimeWindowInOneQuery() {
        String sql = new GuardrailVerdictsQuery("turnpike", List.of(
                new GuardrailVerdictsQuery.RequestKey("acme", "req_1"),
                new GuardrailVerdictsQuery.RequestKey("globex", "req_2")), START, START.plusSeconds(30)).toSql();

        assertThat(sql).isEqualTo("SELECT tenant, request_id, guardrail_id, check_type, applies_to, verdict,"
                + " action_taken, category, match_count, latency_micros FROM `turnpike`.guardrail_evaluations FINAL"
                + " WHERE (tenant, request_id) IN (('acme', 'req_1'), ('globex', 'req_2'))"
                + " AND occurred_at >= toDateTime(1795600740) AND occurred_at <= toDateTime(1795601430)"
                + " ORDER BY tenant, request_id, occurred_at_ms, applies_to, guardrail_id, check_index"
                + " FORMAT JSONEachRow");
    }

    @Test
    void quotesRequestIdsAndTenantsAsLiterals() {
        String sql = new GuardrailVerdictsQuery("turnpike", List.of(
                new GuardrailVerdictsQuery.RequestKey("acme') OR ('1'='1", "r")), START, START).toSql();

        assertThat(sql).contains("IN (('acme\\') OR (\\'1\\'=\\'1', 'r'))");
    }

    @Test
    void refusesAnEmptyPageRatherThanQueryingEverything() {
        assertThatThrownBy(() -> new GuardrailVerdictsQuery("turnpike", List.of(), START, START))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shapesAVerdictWithNumbersAndANullCategoryWhenNoneMatched() throws Exception {
        JsonNode row = new ObjectMapper().readTree("""
                {"tenant":"acme","request_id":"r","guardrail_id":"short","check_type":"wordCount",
                 "applies_to":"output","verdict":"PASS","action_taken":"none","category":"","match_count":0,
                 "latency_micros":"35"}
                """);

        JsonNode api = GuardrailVerdicts.toApi(row);

        assertThat(api.fieldNames()).toIterable().containsExactly("guardrail_id", "check_type", "applies_to",
                "verdict", "action_taken", "category", "match_count", "latency_micros");
        assertThat(api.get("category").isNull()).isTrue();
        assertThat(api.get("latency_micros").isNumber()).isTrue();
        assertThat(api.get("latency_micros").asLong()).isEqualTo(35);
    }
}
