package io.turnpike.query.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.query.http.ApiError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardrailAnalyticsEndpointTest {

    @Test
    void readsGroupByAsCommaSeparatedDimensionsWithTenantImplied() {
        assertThat(GuardrailAnalyticsEndpoint.groupBy("guardrail_id, team,verdict"))
                .containsExactly("guardrail_id", "team", "verdict");
        assertThat(GuardrailAnalyticsEndpoint.groupBy("tenant,team")).containsExactly("team");
        assertThat(GuardrailAnalyticsEndpoint.groupBy("tenant")).isEmpty();
    }

    @Test
    void namesGroupByForUnknownEmptyOrRepeatedDimensions() {
        for (String bad : List.of("guardrail_id,prompt", "team,,env", "team,team")) {
            assertThatThrownBy(() -> GuardrailAnalyticsEndpoint.groupBy(bad))
                    .as(bad)
                    .isInstanceOf(ApiError.class)
                    .satisfies(e -> assertThat(((ApiError) e).field()).isEqualTo("group_by"));
        }
        assertThatThrownBy(() -> GuardrailAnalyticsEndpoint.groupBy("prompt"))
                .hasMessageContaining("unknown dimension \"prompt\"").hasMessageContaining("action_taken");
    }

    @Test
    void shapesARowAsPrintedBy1816WithNumbersForCountsAndTheVersion() throws Exception {
        JsonNode row = new ObjectMapper().readTree("""
                {"tenant":"acme","guardrail_id":"no-pii","guardrail_version":"3","evaluations":"12","fails":"4",
                 "errors":"1","denials":"3","denied_requests":"2","warns":"0","redactions":"1",
                 "p95_latency_micros":118.6}
                """);

        ObjectNode api = GuardrailAnalyticsRepository.toApi(row, List.of("tenant", "guardrail_id", "guardrail_version"));

        assertThat(api.get("tenant").asText()).isEqualTo("acme");
        assertThat(api.get("guardrail_version").isNumber()).isTrue();
        assertThat(api.get("evaluations").isNumber()).isTrue();
        assertThat(api.get("evaluations").asLong()).isEqualTo(12);
        assertThat(api.get("denied_requests").asLong()).isEqualTo(2);
        assertThat(api.get("p95_latency_micros").asLong()).isEqualTo(119);
    }
}
