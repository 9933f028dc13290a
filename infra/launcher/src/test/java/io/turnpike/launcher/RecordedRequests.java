package io.turnpike.launcher;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on one {@code /v1/logs} entry written for a client IT's request. */
final class RecordedRequests {
    private RecordedRequests() {
    }

    /** Who made it and where it went: key-bound tenant/team/env, the header's user, this backend's provider. */
    static void assertAttributed(JsonNode log, BackendRoute route, String user, boolean stream) {
        assertThat(log.get("tenant").asText()).isEqualTo(BackendRoute.TENANT);
        assertThat(log.get("team").asText()).isEqualTo(route.team());
        assertThat(log.get("env").asText()).isEqualTo(BackendRoute.ENV);
        assertThat(log.get("user").asText()).isEqualTo(user);
        assertThat(log.get("provider").asText()).isEqualTo(route.backend().providerId());
        assertThat(log.get("provider_type").asText()).isEqualTo(route.provider().type());
        assertThat(log.get("requested_model").asText()).isEqualTo(ClientModels.SONNET);
        assertThat(log.get("stream").asBoolean()).isEqualTo(stream);
        assertThat(log.get("http_status").asInt()).isEqualTo(200);
    }

    /**
     * The recorded tokens are what the client received, and, for a fake, what the fake reported; the cost is
     * exactly those tokens at Sonnet 4.5 prices.
     */
    static void assertTokensAndCost(JsonNode log, Usage received, Usage fakeReported) {
        if (fakeReported != null) {
            assertThat(received).as("usage the client received").isEqualTo(fakeReported);
        }
        assertThat(received.inputTokens()).isPositive();
        assertThat(received.outputTokens()).isPositive();
        assertThat(Usage.from(log.get("usage"))).as("usage recorded").isEqualTo(received);
        assertThat(log.get("cost_nano_usd").asLong()).isEqualTo(received.sonnet45CostNanoUsd());
    }
}
