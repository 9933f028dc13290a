package io.turnpike.events;

import io.turnpike.events.guardrails.GuardrailEvaluated;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardrailEvaluatedJsonTest {
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00.250Z");

    @Test
    void roundTripsWithSnakeCaseFieldsIncludingTheCheckIndex() {
        GuardrailEvaluated event = new GuardrailEvaluated(GuardrailEvaluated.SCHEMA_VERSION, AT, "req_1", "trace",
                "key_1", "acme", "eng", "a@acme.com", "prod", "no-pii", 3, "pii", "FAIL", "deny", "email", 2, 140,
                GuardrailEvaluated.INPUT, 1);
        String json = new String(EventJson.toBytes(event), StandardCharsets.UTF_8);
        assertThat(json).contains("\"guardrail_id\":\"no-pii\"", "\"check_index\":1", "\"applies_to\":\"input\"");
        assertThat(EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), GuardrailEvaluated.class))
                .isEqualTo(event);
    }

    @Test
    void readsEventsWrittenBeforeTheCheckIndexExisted() {
        String old = "{\"schema_version\":1,\"occurred_at\":\"2026-11-25T10:00:00.250Z\",\"request_id\":\"req_1\","
                + "\"guardrail_id\":\"g\",\"guardrail_version\":0,\"check_type\":\"regexMatch\",\"verdict\":\"PASS\","
                + "\"action_taken\":\"none\",\"match_count\":0,\"latency_micros\":5,\"applies_to\":\"output\"}";
        GuardrailEvaluated event = EventJson.fromBytes(old.getBytes(StandardCharsets.UTF_8), GuardrailEvaluated.class);
        assertThat(event.checkIndex()).isNull();
        assertThat(event.appliesTo()).isEqualTo(GuardrailEvaluated.OUTPUT);
    }

    @Test
    void refusesANegativeCheckIndex() {
        assertThatThrownBy(() -> new GuardrailEvaluated(1, AT, "r", null, null, null, null, null, null, "g", 0,
                "pii", "PASS", "none", null, 0, 0, "input", -1)).hasMessageContaining("check_index");
    }
}
