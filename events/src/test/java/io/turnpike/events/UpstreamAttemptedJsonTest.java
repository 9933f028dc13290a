package io.turnpike.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.turnpike.events.request.UpstreamAttempted;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpstreamAttemptedJsonTest {

    private static UpstreamAttempted sample(String errorType, String errorClass) {
        return new UpstreamAttempted(UpstreamAttempted.SCHEMA_VERSION, "req_01", "trace-1", 2, 1,
                "config.targets[0]", "anthropic-main", "anthropic", "claude-sonnet-4-5", 429, 37L, errorType, errorClass,
                Instant.parse("2026-11-25T10:15:30.123Z"), Instant.parse("2026-11-25T10:15:30.160Z"));
    }

    @Test
    void roundTripsThroughJsonUnchanged() {
        UpstreamAttempted event = sample("rate_limit_error", null);
        assertThat(EventJson.fromBytes(EventJson.toBytes(event), UpstreamAttempted.class)).isEqualTo(event);
    }

    @Test
    void writesSnakeCaseFieldsAndOmitsNulls() throws Exception {
        JsonNode node = EventJson.mapper().readTree(EventJson.toBytes(sample("rate_limit_error", null)));
        assertThat(node.get("attempt_index").asInt()).isEqualTo(2);
        assertThat(node.get("retry_index").asInt()).isEqualTo(1);
        assertThat(node.get("target_path").asText()).isEqualTo("config.targets[0]");
        assertThat(node.get("error_type").asText()).isEqualTo("rate_limit_error");
        assertThat(node.has("error_class")).isFalse();
        assertThat(node.get("completed_at").asText()).isEqualTo("2026-11-25T10:15:30.160Z");
    }

    @Test
    void refusesARetryIndexBeyondTheAttemptIndex() {
        assertThatThrownBy(() -> new UpstreamAttempted(1, "req_01", null, 0, 1, "config.targets[0]", "p", "mock",
                "m", 200, 1L, null, null, Instant.EPOCH, Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
    }
}
