package io.turnpike.proxy.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.proxy.SseFrames;
import io.turnpike.proxy.exchange.ProviderReply;
import io.turnpike.proxy.wire.MessagesRequest;
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

    private static final String FORCED_TOOL = """
            {"model":"claude-sonnet-4-5","max_tokens":1024,
             "messages":[{"role":"user","content":"Book it"}],
             "tools":[{"name":"get_time","input_schema":{"type":"object","properties":{}}},
                      {"name":"book_flight","input_schema":{"type":"object","properties":{
                        "to":{"type":"string"},"seats":{"type":"integer"},"price":{"type":"number"},
                        "window":{"type":"boolean"},"stops":{"type":"array","items":{"type":"string"}},
                        "meta":{"type":"object"},"cabin":{"type":"string","enum":["business","economy"]},
                        "note":{"type":["null","string"]},"optional":{"type":"string"}},
                        "required":["to","seats","price","window","stops","meta","cabin","note"]}}],
             "tool_choice":%s%s}""";
    private static final String BOOK_FLIGHT_INPUT = """
            {"to":"mock","seats":1,"price":1,"window":true,"stops":[],"meta":{},"cabin":"business","note":"mock"}""";

    @Test
    void answersAForcedToolWithAToolUseBlockWhoseInputFillsTheRequiredPropertiesByType() throws IOException {
        ProviderReply reply = mock.reply(request(FORCED_TOOL.formatted(
                "{\"type\":\"tool\",\"name\":\"book_flight\"}", "")));
        JsonNode message = JSON.readTree(reply.body());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(message.get("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(message.get("content")).hasSize(1);
        JsonNode block = message.at("/content/0");
        assertThat(block.get("type").asText()).isEqualTo("tool_use");
        assertThat(block.get("id").asText()).startsWith("toolu_");
        assertThat(block.get("name").asText()).isEqualTo("book_flight");
        assertThat(block.get("input")).isEqualTo(JSON.readTree(BOOK_FLIGHT_INPUT));
        // "Book it" → 2 tokens in; "book_flight" (11) + the input JSON (101) = 112 characters → 28 tokens out
        assertThat(message.at("/usage/input_tokens").asLong()).isEqualTo(2);
        assertThat(message.at("/usage/output_tokens").asLong()).isEqualTo(28);
    }

    @Test
    void toolChoiceAnyCallsTheFirstToolAndAutoAnswersInText() throws IOException {
        JsonNode any = JSON.readTree(mock.reply(request(FORCED_TOOL.formatted("{\"type\":\"any\"}", ""))).body());
        JsonNode auto = JSON.readTree(mock.reply(request(FORCED_TOOL.formatted("{\"type\":\"auto\"}", ""))).body());

        assertThat(any.at("/content/0/name").asText()).isEqualTo("get_time");
        assertThat(any.at("/content/0/input")).isEqualTo(JSON.createObjectNode());
        assertThat(auto.at("/content/0/type").asText()).isEqualTo("text");
        assertThat(auto.get("stop_reason").asText()).isEqualTo("end_turn");
    }

    @Test
    void streamsAForcedToolCallAsInputJsonDeltasThatRebuildTheSameInput() throws IOException {
        String choice = "{\"type\":\"tool\",\"name\":\"book_flight\"}";
        JsonNode whole = JSON.readTree(mock.reply(request(FORCED_TOOL.formatted(choice, ""))).body());
        ProviderReply streamed = mock.reply(request(FORCED_TOOL.formatted(choice, ",\"stream\":true")));
        SseFrames frames = SseFrames.parse(new String(streamed.body(), StandardCharsets.UTF_8));

        assertThat(streamed.contentType()).startsWith("text/event-stream");
        assertThat(frames.eventNames()).startsWith("message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta").endsWith("content_block_stop", "message_delta",
                "message_stop");
        JsonNode block = frames.first("content_block_start").data().get("content_block");
        assertThat(block.get("type").asText()).isEqualTo("tool_use");
        assertThat(block.get("id").asText()).startsWith("toolu_");
        assertThat(block.get("name").asText()).isEqualTo("book_flight");
        assertThat(block.get("input")).isEmpty();
        assertThat(frames.frames()).filteredOn(frame -> frame.event().equals("content_block_delta"))
                .allSatisfy(frame -> assertThat(frame.data().at("/delta/type").asText()).isEqualTo("input_json_delta"));
        assertThat(JSON.readTree(frames.inputJson())).isEqualTo(JSON.readTree(BOOK_FLIGHT_INPUT));
        JsonNode delta = frames.first("message_delta").data();
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(delta.at("/usage/output_tokens").asLong()).isEqualTo(whole.at("/usage/output_tokens").asLong());
        assertThat(frames.first("message_start").data().at("/message/usage/input_tokens").asLong())
                .isEqualTo(whole.at("/usage/input_tokens").asLong());
    }

    @Test
    void refusesToForceAToolTheRequestDoesNotOffer() throws IOException {
        ProviderReply reply = mock.reply(request(FORCED_TOOL.formatted(
                "{\"type\":\"tool\",\"name\":\"launch_rocket\"}", "")));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(JSON.readTree(reply.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void refusesARequestWithoutMessagesLikeTheRealApi() throws IOException {
        ProviderReply reply = mock.reply(request("{\"model\":\"claude-haiku-4-5\",\"max_tokens\":10}"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(JSON.readTree(reply.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
    }
}
