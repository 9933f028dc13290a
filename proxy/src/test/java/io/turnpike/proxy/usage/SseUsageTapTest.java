package io.turnpike.proxy.usage;

import io.turnpike.events.request.TokenUsage;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SseUsageTapTest {
    private static final String STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":472,"cache_creation_input_tokens":100,"cache_read_input_tokens":2048,"cache_creation":{"ephemeral_5m_input_tokens":60,"ephemeral_1h_input_tokens":40},"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: ping
            data: {"type": "ping"}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Grüße — ✓ done"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":89}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    private static final TokenUsage EXPECTED = new TokenUsage(472, 89, 2048, 100, 40);

    @Test
    void readsUsageAndModelFromAWholeStream() {
        SseUsageTap tap = new SseUsageTap();
        tap.accept(utf8(STREAM));
        tap.finish();

        assertThat(tap.usage()).isEqualTo(EXPECTED);
        assertThat(tap.servedModel()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(tap.errorType()).isNull();
    }

    @Test
    void givesTheSameAnswerWhereverTheStreamIsSplit() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            SseUsageTap tap = new SseUsageTap();
            tap.accept(ByteBuffer.wrap(bytes, 0, split).slice());
            tap.accept(ByteBuffer.wrap(bytes, split, bytes.length - split).slice());
            tap.finish();

            assertThat(tap.usage()).as("split at byte %d", split).isEqualTo(EXPECTED);
        }
    }

    @Test
    void survivesOneByteChunks() {
        SseUsageTap tap = new SseUsageTap();
        for (byte b : STREAM.getBytes(StandardCharsets.UTF_8)) {
            tap.accept(ByteBuffer.wrap(new byte[]{b}));
        }
        tap.finish();

        assertThat(tap.usage()).isEqualTo(EXPECTED);
    }

    @Test
    void acceptsCarriageReturnLineEndings() {
        SseUsageTap crlf = new SseUsageTap();
        crlf.accept(utf8(STREAM.replace("\n", "\r\n")));
        crlf.finish();
        SseUsageTap cr = new SseUsageTap();
        cr.accept(utf8(STREAM.replace("\n", "\r")));
        cr.finish();

        assertThat(crlf.usage()).isEqualTo(EXPECTED);
        assertThat(cr.usage()).isEqualTo(EXPECTED);
    }

    @Test
    void messageDeltaOverwritesTheFieldsItCarriesInsteadOfAdding() {
        SseUsageTap tap = new SseUsageTap();
        tap.accept(utf8("""
                event: message_start
                data: {"type":"message_start","message":{"model":"m","usage":{"input_tokens":10,"output_tokens":1,"cache_read_input_tokens":5}}}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"input_tokens":12,"output_tokens":42}}

                event: message_delta
                data: {"type":"message_delta","delta":{},"usage":{"output_tokens":50}}

                """));
        tap.finish();

        assertThat(tap.usage()).isEqualTo(new TokenUsage(12, 50, 5, 0, 0));
    }

    @Test
    void doesNotMoveTheBufferItReads() {
        ByteBuffer chunk = utf8(STREAM);
        int position = chunk.position();

        new SseUsageTap().accept(chunk);

        assertThat(chunk.position()).isEqualTo(position);
    }

    @Test
    void recordsAnErrorFrame() {
        SseUsageTap tap = new SseUsageTap();
        tap.accept(utf8("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"Overloaded\"}}\n\n"));
        tap.finish();

        assertThat(tap.errorType()).isEqualTo("overloaded_error");
    }

    @Test
    void parsesAFinalFrameThatLacksItsBlankLine() {
        SseUsageTap tap = new SseUsageTap();
        tap.accept(utf8("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":"
                + "{\"input_tokens\":7,\"output_tokens\":1}}}"));
        tap.finish();

        assertThat(tap.usage()).isEqualTo(new TokenUsage(7, 1, 0, 0, 0));
    }

    @Test
    void countsServerSideWebSearchesFromTheFinalDelta() {
        SseUsageTap tap = new SseUsageTap();
        tap.accept(utf8("""
                event: message_start
                data: {"type":"message_start","message":{"model":"m","usage":{"input_tokens":10,"output_tokens":1}}}

                event: message_delta
                data: {"type":"message_delta","delta":{},"usage":{"output_tokens":70,"server_tool_use":{"web_search_requests":2}}}

                """));
        tap.finish();

        assertThat(tap.usage()).isEqualTo(new TokenUsage(10, 70, 0, 0, 0, 2));
    }

    @Test
    void jsonBodyTapReadsUsageOrUpstreamError() {
        JsonBodyUsageTap ok = new JsonBodyUsageTap();
        ok.accept(utf8("{\"id\":\"msg_1\",\"model\":\"claude-haiku-4-5-20251001\",\"usage\":{\"input_tokens\":"));
        ok.accept(utf8("3,\"output_tokens\":9,\"cache_read_input_tokens\":2,\"cache_creation_input_tokens\":0}}"));
        ok.finish();
        JsonBodyUsageTap error = new JsonBodyUsageTap();
        error.accept(utf8("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}"));
        error.finish();

        assertThat(ok.usage()).isEqualTo(new TokenUsage(3, 9, 2, 0, 0));
        assertThat(ok.servedModel()).isEqualTo("claude-haiku-4-5-20251001");
        assertThat(error.errorType()).isEqualTo("rate_limit_error");
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
