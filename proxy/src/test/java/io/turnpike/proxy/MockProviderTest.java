package io.turnpike.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MockProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MockProvider mock = new MockProvider();

    private static MessagesRequest request(String body) {
        return MessagesRequest.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static final String BODY = """
            {"model":"claude-sonnet-4-5","max_tokens":1024,"system":"You are terse.",
             "messages":[{"role":"user","content":[{"type":"text","text":"Hello there"}]}]%s}""";

    @Test
    void answersInTheMessagesApiShape() throws IOException {
        ProviderReply reply = mock.reply(request(BODY.formatted("")));
        JsonNode message = JSON.readTree(reply.body());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/json");
        assertThat(message.get("id").asText()).startsWith("msg_");
        assertThat(message.get("type").asText()).isEqualTo("message");
        assertThat(message.get("role").asText()).isEqualTo("assistant");
        assertThat(message.get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(message.at("/content/0/type").asText()).isEqualTo("text");
        assertThat(message.at("/content/0/text").asText())
                .isEqualTo("Turnpike mock reply. You said: \"Hello there\"");
        assertThat(message.get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(message.get("stop_sequence").isNull()).isTrue();
        // "You are terse." (14) + "Hello there" (11) = 25 characters → 7 tokens; the reply is 44 → 11 tokens
        assertThat(message.get("usage")).isEqualTo(JSON.readTree("""
                {"input_tokens":7,"output_tokens":11,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}"""));
    }

    @Test
    void isDeterministic() {
        assertThat(mock.reply(request(BODY.formatted(""))).body())
                .isEqualTo(mock.reply(request(BODY.formatted(""))).body());
    }

    @Test
    void streamsTheRealEventSequenceWithTheSameTextAndUsage() throws IOException {
        ProviderReply whole = mock.reply(request(BODY.formatted("")));
        ProviderReply streamed = mock.reply(request(BODY.formatted(",\"stream\":true")));
        SseFrames frames = SseFrames.parse(new String(streamed.body(), StandardCharsets.UTF_8));
        JsonNode message = JSON.readTree(whole.body());

        assertThat(streamed.contentType()).startsWith("text/event-stream");
        assertThat(frames.eventNames()).startsWith("message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta").endsWith("content_block_stop", "message_delta",
                "message_stop");
        assertThat(frames.eventNames().stream().filter("content_block_delta"::equals).count())
                .isEqualTo(frames.eventNames().size() - 6);
        JsonNode start = frames.first("message_start").data();
        assertThat(start.at("/message/usage/input_tokens").asLong()).isEqualTo(7);
        assertThat(start.at("/message/usage/output_tokens").asLong()).isEqualTo(1);
        assertThat(start.at("/message/stop_reason").isNull()).isTrue();
        assertThat(frames.first("content_block_delta").data().at("/delta/type").asText()).isEqualTo("text_delta");
        assertThat(frames.text()).isEqualTo(message.at("/content/0/text").asText());
        JsonNode delta = frames.first("message_delta").data();
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(delta.at("/usage/output_tokens").asLong()).isEqualTo(message.at("/usage/output_tokens").asLong());
    }

    @Test
    void stopsAtMaxTokens() throws IOException {
        String body = BODY.replace("\"max_tokens\":1024", "\"max_tokens\":3").formatted("");
        JsonNode message = JSON.readTree(mock.reply(request(body)).body());

        assertThat(message.get("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(message.at("/usage/output_tokens").asLong()).isEqualTo(3);
        assertThat(message.at("/content/0/text").asText()).isEqualTo("Turnpike moc");
    }

    @Test
    void refusesARequestWithoutMessagesLikeTheRealApi() throws IOException {
        ProviderReply reply = mock.reply(request("{\"model\":\"claude-haiku-4-5\",\"max_tokens\":10}"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(JSON.readTree(reply.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
    }
}
