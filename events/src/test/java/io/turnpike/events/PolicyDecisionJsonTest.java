package io.turnpike.events;

import io.turnpike.events.policy.PolicyDecision;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyDecisionJsonTest {

    @Test
    void roundTripsWithSnakeCaseFields() {
        PolicyDecision decision = new PolicyDecision(PolicyDecision.SCHEMA_VERSION, Instant.parse("2026-11-25T10:00:00Z"),
                "req_1", "trace", "key_1", "acme", "eng", "a@acme.com", "prod", PolicyDecision.BUDGET, "budget-eng",
                "refuse", "budget budget-eng is exhausted", Map.of("limit_usd", "100", "spent_usd", "100"));
        String json = new String(EventJson.toBytes(decision), StandardCharsets.UTF_8);
        assertThat(json).contains("\"policy_type\":\"budget\"", "\"policy_id\":\"budget-eng\"", "\"limit_usd\":\"100\"");
        assertThat(EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), PolicyDecision.class)).isEqualTo(decision);
    }
}
