package io.turnpike.proxy.guarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.proxy.guardrails.TextSpan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseTextTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aStreamGrowsTextToolInputAndThinkingBlocksByIndex() throws Exception {
        ResponseText text = new ResponseText();
        String[] events = {
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"x\"}}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"Hi\"}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\" there\"}}",
                "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"a\\\":\"}}",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"1}\"}}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":9}}"};
        for (String event : events) {
            text.apply(StreamEvent.parse(event));
        }

        assertThat(text.spans()).containsExactly(new TextSpan("content[0].thinking", "hmm"),
                new TextSpan("content[1]", "Hi there"), new TextSpan("content[2].input", "{\"a\":1}"));
        assertThat(text.characters()).isEqualTo(3 + 8 + 7);
    }

    @Test
    void aWholeMessageGivesTheSameSpans() throws Exception {
        ResponseText text = ResponseText.ofMessage(JSON.readTree("{\"type\":\"message\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"Hi there\"},{\"type\":\"image\"},"
                + "{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":{\"a\":1}}]}"));

        assertThat(text.spans()).containsExactly(new TextSpan("content[0]", "Hi there"),
                new TextSpan("content[2].input", "{\"a\":1}"));
        assertThat(ResponseText.indexOf("content[2].input")).isEqualTo(2);
        assertThat(ResponseText.kindOf("content[2].input")).isEqualTo(ResponseText.Kind.TOOL_INPUT);
        assertThat(ResponseText.kindOf("content[12]")).isEqualTo(ResponseText.Kind.TEXT);
    }

    @Test
    void rechecksRunOnEveryChunkAtFirstThenOnGrowth() {
        assertThat(StreamOutputGuard.recheckEvery(10)).isEqualTo(1);
        assertThat(StreamOutputGuard.recheckEvery(4096)).isEqualTo(1);
        assertThat(StreamOutputGuard.recheckEvery(5000)).isEqualTo(312);
        assertThat(StreamOutputGuard.recheckEvery(160_000)).isEqualTo(10_000);
    }

    @Test
    void streamEventsAreReadWhateverTheFieldOrderAndSkipWhatTheyDoNotNeed() {
        StreamEvent event = StreamEvent.parse("{\"delta\":{\"text\":\"h\\u00e9\\n\",\"extra\":[1,{\"a\":2}],"
                + "\"type\":\"text_delta\"},\"usage\":{\"x\":1},\"index\":3,\"type\":\"content_block_delta\"}");

        assertThat(event).isEqualTo(new StreamEvent("content_block_delta", 3, "text_delta", "h\u00e9\n"));
        assertThat(StreamEvent.parse("{\"type\":\"message_stop\"}"))
                .isEqualTo(new StreamEvent("message_stop", -1, null, ""));
        assertThat(StreamEvent.parse("not json")).isNull();
        assertThat(StreamEvent.parse("[1]")).isNull();
    }
}
