package io.turnpike.proxy.providers.bedrock;

import io.turnpike.proxy.fakes.FakeBedrock;
import io.turnpike.proxy.usage.SseUsageTap;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BedrockEventStreamTest {
    private static final List<String> EVENTS = List.of(
            "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                    + "\"model\":\"claude-haiku-4-5-20251001\",\"content\":[],\"usage\":{\"input_tokens\":21,"
                    + "\"cache_read_input_tokens\":5,\"output_tokens\":1}}}",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Grüße, \"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"world\"}}",
            "{\"type\":\"content_block_stop\",\"index\":0}",
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":9}}",
            "{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":21}}");

    private static byte[] wholeStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EVENTS.forEach(event -> out.writeBytes(FakeBedrock.chunkFrame(event)));
        return out.toByteArray();
    }

    private static String expectedSse() {
        StringBuilder sse = new StringBuilder();
        for (String event : EVENTS) {
            String type = event.substring(9, event.indexOf('"', 9));
            sse.append("event: ").append(type).append("\ndata: ").append(event).append("\n\n");
        }
        return sse.toString();
    }

    /** Feeds {@code pieces} in order, then ends the stream; returns all SSE produced. */
    private static String translate(BedrockEventStream stream, byte[]... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            out.writeBytes(stream.accept(ByteBuffer.wrap(piece)));
        }
        out.writeBytes(stream.finish());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachChunkEventBecomesOneSseFrameWithItsType() {
        BedrockEventStream stream = new BedrockEventStream();

        assertThat(translate(stream, wholeStream())).isEqualTo(expectedSse());
        assertThat(stream.errorType()).isNull();
    }

    @Test
    void framesSplitAtEveryByteBoundaryTranslateTheSame() {
        byte[] all = wholeStream();
        for (int cut = 1; cut < all.length; cut++) {
            String sse = translate(new BedrockEventStream(), Arrays.copyOfRange(all, 0, cut),
                    Arrays.copyOfRange(all, cut, all.length));
            assertThat(sse).as("split at byte %d", cut).isEqualTo(expectedSse());
        }
    }

    @Test
    void oneByteAtATimeStillYieldsEachFrameAsSoonAsItIsComplete() {
        byte[] all = wholeStream();
        BedrockEventStream stream = new BedrockEventStream();
        int firstFrameLength = FakeBedrock.chunkFrame(EVENTS.get(0)).length;
        StringBuilder sse = new StringBuilder();
        for (int i = 0; i < all.length; i++) {
            String produced = new String(stream.accept(ByteBuffer.wrap(all, i, 1)), StandardCharsets.UTF_8);
            if (i < firstFrameLength - 1) {
                assertThat(produced).isEmpty();
            } else if (i == firstFrameLength - 1) {
                assertThat(produced).startsWith("event: message_start\n");
            }
            sse.append(produced);
        }
        sse.append(new String(stream.finish(), StandardCharsets.UTF_8));

        assertThat(sse.toString()).isEqualTo(expectedSse());
    }

    @Test
    void theSseFeedsTheUsageTapExactlyAsAnAnthropicStreamWould() {
        SseUsageTap tap = new SseUsageTap();
        tap.accept(ByteBuffer.wrap(translate(new BedrockEventStream(), wholeStream()).getBytes(StandardCharsets.UTF_8)));
        tap.finish();

        assertThat(tap.usage().inputTokens()).isEqualTo(21);
        assertThat(tap.usage().cacheReadInputTokens()).isEqualTo(5);
        assertThat(tap.usage().outputTokens()).isEqualTo(9);
        assertThat(tap.servedModel()).isEqualTo("claude-haiku-4-5-20251001");
        assertThat(tap.errorType()).isNull();
    }

    @Test
    void anExceptionFrameBecomesAnSseErrorAndEndsTheStream() {
        BedrockEventStream stream = new BedrockEventStream();
        byte[] start = FakeBedrock.chunkFrame(EVENTS.get(0));
        byte[] exception = FakeBedrock.exceptionFrame("throttlingException", "Too many tokens, please wait.");
        byte[] later = FakeBedrock.chunkFrame(EVENTS.get(2));

        String sse = translate(stream, start, exception, later);

        assertThat(sse).isEqualTo("event: message_start\ndata: " + EVENTS.get(0) + "\n\n"
                + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                + "\"message\":\"Too many tokens, please wait.\"}}\n\n");
        assertThat(stream.isTerminated()).isTrue();
        assertThat(stream.errorType()).isEqualTo("rate_limit_error");
    }

    @Test
    void aModelStreamErrorIsAnApiError() {
        BedrockEventStream stream = new BedrockEventStream();

        String sse = translate(stream, FakeBedrock.exceptionFrame("modelStreamErrorException", "boom"));

        assertThat(sse).contains("event: error").contains("\"type\":\"api_error\"").contains("boom");
    }

    @Test
    void aWrongMessageCrcIsReportedNotSkipped() {
        byte[] second = FakeBedrock.chunkFrame(EVENTS.get(1));
        second[second.length - 10] ^= 0x01;
        BedrockEventStream stream = new BedrockEventStream();

        String sse = translate(stream, FakeBedrock.chunkFrame(EVENTS.get(0)), second,
                FakeBedrock.chunkFrame(EVENTS.get(2)));

        assertThat(sse).startsWith("event: message_start\n");
        assertThat(sse).endsWith("\n\n").contains("event: error\ndata: {\"type\":\"error\",\"error\":"
                + "{\"type\":\"api_error\",\"message\":\"Bedrock sent a corrupt event-stream frame");
        assertThat(sse).doesNotContain("content_block_start").doesNotContain("content_block_delta");
        assertThat(stream.errorType()).isEqualTo("api_error");
    }

    @Test
    void aCorruptPreludeIsDetectedBeforeWaitingForItsClaimedLength() {
        byte[] frame = FakeBedrock.chunkFrame(EVENTS.get(0));
        frame[1] ^= 0x40; // total length now claims megabytes
        BedrockEventStream stream = new BedrockEventStream();

        String sse = new String(stream.accept(ByteBuffer.wrap(frame, 0, 12)), StandardCharsets.UTF_8);

        assertThat(sse).contains("event: error").contains("prelude checksum mismatch");
        assertThat(stream.isTerminated()).isTrue();
    }

    @Test
    void aStreamCutInsideAFrameEndsWithAnError() {
        byte[] all = wholeStream();

        String sse = translate(new BedrockEventStream(), Arrays.copyOf(all, all.length - 3));

        assertThat(sse).contains("event: content_block_delta").doesNotContain("event: message_stop");
        assertThat(sse).endsWith("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\","
                + "\"message\":\"the Bedrock event stream ended in the middle of a frame\"}}\n\n");
    }

    @Test
    void aStreamEndingCleanlyButBeforeMessageStopEndsWithAnError() {
        String sse = translate(new BedrockEventStream(), FakeBedrock.chunkFrame(EVENTS.get(0)));

        assertThat(sse).endsWith("\"message\":\"the Bedrock event stream ended before message_stop\"}}\n\n");
    }

    @Test
    void anEventWithLineBreaksIsCompactedSoTheSseStaysOneDataLine() {
        String pretty = "{\n  \"type\": \"ping\"\n}";

        String sse = new String(new BedrockEventStream().accept(ByteBuffer.wrap(FakeBedrock.chunkFrame(pretty))),
                StandardCharsets.UTF_8);

        assertThat(sse).isEqualTo("event: ping\ndata: {\"type\":\"ping\"}\n\n");
    }
}
