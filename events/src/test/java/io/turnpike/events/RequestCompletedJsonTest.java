package io.turnpike.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.events.request.TokenUsage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestCompletedJsonTest {

    static RequestCompleted sample() {
        return new RequestCompleted(RequestCompleted.SCHEMA_VERSION, "req_01", "trace-1",
                Instant.parse("2026-11-25T10:15:30.123Z"), Instant.parse("2026-11-25T10:15:31.456Z"),
                "key_1", "acme", "eng", "a@acme.com", "prod",
                Map.of("tenant", "acme", "team", "eng", "user", "a@acme.com", "env", "prod", "project", "x"),
                "desktop-eng-prod", "anthropic-main", "anthropic", "claude-sonnet-4-5", "claude-sonnet-4-5-20250929",
                "/v1/messages", true, 200, null, new TokenUsage(1200, 350, 100, 40, 10),
                5_473_500L, "2026-11-01", 1333L, 210L, "sess-9", "claude-cli/2.0", 4, 3, "config.targets[1]");
    }

    /** An event as written before the routing fields existed. */
    static RequestCompleted withoutRoutingFields() {
        RequestCompleted full = sample();
        return new RequestCompleted(full.schemaVersion(), full.requestId(), full.traceId(), full.startedAt(),
                full.completedAt(), full.keyId(), full.tenant(), full.team(), full.user(), full.env(), full.metadata(),
                full.configId(), full.provider(), full.providerType(), full.requestedModel(), full.servedModel(),
                full.endpoint(), full.stream(), full.httpStatus(), full.errorType(), full.usage(), full.costNanoUsd(),
                full.priceVersion(), full.latencyMs(), full.timeToFirstTokenMs(), full.sessionId(), full.userAgent());
    }

    @Test
    void roundTripsThroughJsonUnchanged() {
        RequestCompleted event = sample();
        byte[] json = EventJson.toBytes(event);
        assertThat(EventJson.fromBytes(json, RequestCompleted.class)).isEqualTo(event);
    }

    @Test
    void writesSnakeCaseFieldsAndIsoInstants() throws Exception {
        JsonNode node = EventJson.mapper().readTree(EventJson.toBytes(sample()));
        assertThat(node.get("schema_version").asInt()).isEqualTo(1);
        assertThat(node.get("started_at").asText()).isEqualTo("2026-11-25T10:15:30.123Z");
        assertThat(node.get("usage").get("cache_read_input_tokens").asLong()).isEqualTo(100);
        assertThat(node.get("cost_nano_usd").asLong()).isEqualTo(5_473_500L);
        assertThat(node.has("error_type")).as("nulls are omitted").isFalse();
        assertThat(node.get("config_version").asInt()).isEqualTo(4);
        assertThat(node.get("attempts").asInt()).isEqualTo(3);
        assertThat(node.get("target_path").asText()).isEqualTo("config.targets[1]");
    }

    @Test
    void readsEventsWrittenBeforeRoutingDetailsWereRecorded() {
        String json = new String(EventJson.toBytes(withoutRoutingFields()), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("config_version", "attempts", "target_path");

        RequestCompleted read = EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), RequestCompleted.class);

        assertThat(read).isEqualTo(withoutRoutingFields());
        assertThat(read.configVersion()).isNull();
        assertThat(read.attempts()).isNull();
        assertThat(read.targetPath()).isNull();
    }

    @Test
    void readsEventsWithFieldsItDoesNotKnow() {
        String json = new String(EventJson.toBytes(sample()), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"added_in_v2\":{\"x\":1},");
        assertThat(EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), RequestCompleted.class))
                .isEqualTo(sample());
    }

    @Test
    void exposesCostAsExactDecimal() {
        assertThat(sample().costUsd()).isEqualByComparingTo(new BigDecimal("0.0054735"));
    }

    @Test
    void readsEventsWrittenBeforeServerToolUseWasCounted() {
        String json = new String(EventJson.toBytes(sample()), StandardCharsets.UTF_8)
                .replace(",\"web_search_requests\":0", "");
        assertThat(json).doesNotContain("web_search_requests");
        assertThat(EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), RequestCompleted.class).usage()
                .webSearchRequests()).isZero();
    }

    /** A response served from the proxy's cache: free, with what it saved. */
    static RequestCompleted cacheHit() {
        RequestCompleted full = sample();
        return new RequestCompleted(full.schemaVersion(), full.requestId(), full.traceId(), full.startedAt(),
                full.completedAt(), full.keyId(), full.tenant(), full.team(), full.user(), full.env(), full.metadata(),
                full.configId(), full.provider(), full.providerType(), full.requestedModel(), full.servedModel(),
                full.endpoint(), full.stream(), full.httpStatus(), full.errorType(), full.usage(), 0L,
                full.priceVersion(), full.latencyMs(), full.timeToFirstTokenMs(), full.sessionId(), full.userAgent(),
                full.configVersion(), 0, full.targetPath(), "HIT", 5_473_500L);
    }

    @Test
    void writesCacheStatusAndSavedCost() throws Exception {
        JsonNode node = EventJson.mapper().readTree(EventJson.toBytes(cacheHit()));
        assertThat(node.get("cache_status").asText()).isEqualTo("HIT");
        assertThat(node.get("saved_cost_nano_usd").asLong()).isEqualTo(5_473_500L);
        assertThat(node.get("cost_nano_usd").asLong()).isZero();
        assertThat(EventJson.fromBytes(EventJson.toBytes(cacheHit()), RequestCompleted.class)).isEqualTo(cacheHit());
    }

    @Test
    void readsEventsWrittenBeforeTheCacheWasRecorded() {
        String json = new String(EventJson.toBytes(sample()), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("cache_status", "saved_cost_nano_usd");
        RequestCompleted read = EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), RequestCompleted.class);
        assertThat(read.cacheStatus()).isNull();
        assertThat(read.savedCostNanoUsd()).isNull();
    }

    @Test
    void rejectsInconsistentUsage() {
        assertThatThrownBy(() -> new TokenUsage(1, 1, 0, 5, 6)).isInstanceOf(IllegalArgumentException.class);
    }
}
