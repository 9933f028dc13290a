package io.turnpike.query.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLogRepositoryTest {

    @Test
    void shapesAClickHouseRowLikeTheEvent() throws Exception {
        // As 18.16 prints it: 64-bit integers quoted, Nullable as null, metadata as a JSON string.
        JsonNode row = new ObjectMapper().readTree("""
                {"request_id":"req_1","trace_id":"t","started_at_ms":"1795600800250","completed_at_ms":"1764064801000",
                 "key_id":"key_1","tenant":"acme","team":"eng","user":"a@acme.com","env":"prod",
                 "metadata":"{\\"tenant\\":\\"acme\\",\\"project\\":\\"x\\"}","config_id":"c","provider":"mock-1",
                 "provider_type":"mock","requested_model":"claude-sonnet-4-5","served_model":"claude-sonnet-4-5",
                 "endpoint":"/v1/messages","stream":1,"http_status":200,"error_type":"","input_tokens":"12",
                 "output_tokens":"34","cache_read_input_tokens":"0","cache_creation_input_tokens":"0",
                 "cache_creation_1h_tokens":"0","cost_nano_usd":"546000","price_version":"2026-11-01",
                 "latency_ms":"750","time_to_first_token_ms":null,"session_id":"","user_agent":"sdk","schema_version":1}
                """);
        ObjectNode api = RequestLogRepository.toApi(row);
        assertThat(api.get("started_at").asText()).isEqualTo("2026-11-25T10:00:00.250Z");
        assertThat(api.get("metadata").get("project").asText()).isEqualTo("x");
        assertThat(api.get("stream").asBoolean()).isTrue();
        assertThat(api.get("usage").get("output_tokens").isNumber()).isTrue();
        assertThat(api.get("usage").get("output_tokens").asLong()).isEqualTo(34);
        assertThat(api.get("cost_usd").asText()).isEqualTo("0.000546");
        assertThat(api.get("error_type").isNull()).isTrue();
        assertThat(api.get("time_to_first_token_ms").isNull()).isTrue();
        assertThat(api.get("session_id").isNull()).isTrue();
    }
}
