package io.turnpike.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.turnpike.events.telemetry.TelemetryReceived;
import io.turnpike.events.telemetry.TelemetryReceived.Signal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelemetryReceivedJsonTest {

    static TelemetryReceived sample() {
        return new TelemetryReceived(TelemetryReceived.SCHEMA_VERSION, Instant.parse("2026-11-25T10:15:30.123Z"),
                "req_01", "key_1", "acme", "eng", "a@acme.com", "prod",
                Map.of("tenant", "acme", "team", "eng", "user", "a@acme.com", "env", "prod"), "desktop-eng-prod",
                Signal.METRICS, Map.of("service.name", "claude-code", "service.version", "2.0.14"), 12, 2048,
                "application/x-protobuf", "claude-cli/2.0.14");
    }

    @Test
    void roundTripsThroughJsonUnchanged() {
        TelemetryReceived event = sample();
        assertThat(EventJson.fromBytes(EventJson.toBytes(event), TelemetryReceived.class)).isEqualTo(event);
    }

    @Test
    void writesSnakeCaseFieldsAndTheSignalInLowerCase() throws Exception {
        JsonNode node = EventJson.mapper().readTree(EventJson.toBytes(sample()));
        assertThat(node.get("signal").asText()).isEqualTo("metrics");
        assertThat(node.get("received_at").asText()).isEqualTo("2026-11-25T10:15:30.123Z");
        assertThat(node.get("resource_attributes").get("service.name").asText()).isEqualTo("claude-code");
        assertThat(node.get("item_count").asLong()).isEqualTo(12);
        assertThat(node.get("body_bytes").asLong()).isEqualTo(2048);
    }

    @Test
    void signalWireNamesMatchTheOtlpPaths() {
        assertThat(Signal.LOGS.wireName()).isEqualTo("logs");
        assertThat(Signal.TRACES.wireName()).isEqualTo("traces");
    }

    @Test
    void refusesNegativeCounts() {
        assertThatThrownBy(() -> new TelemetryReceived(1, Instant.EPOCH, "req_1", null, null, null, null, null,
                null, null, Signal.LOGS, null, -1, 0, null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
