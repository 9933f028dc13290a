package io.turnpike.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.turnpike.events.request.CircuitState;
import io.turnpike.events.request.TargetHealthChanged;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetHealthChangedJsonTest {

    private static TargetHealthChanged opened(String model) {
        return new TargetHealthChanged(TargetHealthChanged.SCHEMA_VERSION, Instant.parse("2026-11-25T10:15:30.123Z"),
                model == null ? "anthropic-main" : "anthropic-main/" + model, "anthropic-main", model,
                CircuitState.CLOSED, CircuitState.OPEN, 5, "status 529");
    }

    @Test
    void roundTripsThroughJsonUnchanged() {
        TargetHealthChanged event = opened("claude-sonnet-4-5");
        assertThat(EventJson.fromBytes(EventJson.toBytes(event), TargetHealthChanged.class)).isEqualTo(event);
    }

    @Test
    void writesSnakeCaseFieldsStateNamesAndOmitsAnAbsentModel() throws Exception {
        JsonNode node = EventJson.mapper().readTree(EventJson.toBytes(opened(null)));
        assertThat(node.get("schema_version").asInt()).isEqualTo(1);
        assertThat(node.get("occurred_at").asText()).isEqualTo("2026-11-25T10:15:30.123Z");
        assertThat(node.get("target_key").asText()).isEqualTo("anthropic-main");
        assertThat(node.get("from_state").asText()).isEqualTo("CLOSED");
        assertThat(node.get("to_state").asText()).isEqualTo("OPEN");
        assertThat(node.get("consecutive_failures").asInt()).isEqualTo(5);
        assertThat(node.get("reason").asText()).isEqualTo("status 529");
        assertThat(node.has("model")).isFalse();
    }

    @Test
    void refusesATransitionToTheSameState() {
        assertThatThrownBy(() -> new TargetHealthChanged(1, Instant.EPOCH, "p", "p", null, CircuitState.OPEN,
                CircuitState.OPEN, 5, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
