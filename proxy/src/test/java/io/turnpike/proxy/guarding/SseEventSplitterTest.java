package io.turnpike.proxy.guarding;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SseEventSplitterTest {
    private static final String STREAM = "event: message_start\ndata: {\"type\":\"message_start\"}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"h\u00e9llo \u2603\"}}\n\n"
            + ": a comment\n\n"
            + "data: line one\ndata: line two\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

    @Test
    void eventsSurviveChunksSplitAnywhereAndConcatenateToTheExactStream() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            SseEventSplitter splitter = new SseEventSplitter();
            List<SseEventSplitter.Event> events = new ArrayList<>();
            int at = 0;
            while (at < bytes.length) {
                int size = 1 + random.nextInt(12);
                int end = Math.min(bytes.length, at + size);
                events.addAll(splitter.feed(new ByteBuffer[]{ByteBuffer.wrap(bytes, at, end - at)}));
                at = end;
            }
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            events.forEach(event -> joined.writeBytes(event.raw()));
            joined.writeBytes(splitter.remainder());
            assertThat(joined.toByteArray()).isEqualTo(bytes);
            assertThat(events).extracting(SseEventSplitter.Event::name)
                    .containsExactly("message_start", "content_block_delta", null, null, "message_stop");
            assertThat(events.get(1).data()).contains("h\u00e9llo \u2603");
            assertThat(events.get(3).data()).isEqualTo("line one\nline two");
            assertThat(splitter.remainder()).isEmpty();
        }
    }

    @Test
    void crlfAndCrLineEndsAreUnderstood() {
        SseEventSplitter splitter = new SseEventSplitter();
        List<SseEventSplitter.Event> events = splitter.feed(new ByteBuffer[]{ByteBuffer.wrap(
                "event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\revent: c\ndata: 3\n\n".getBytes(StandardCharsets.UTF_8))});

        assertThat(events).extracting(SseEventSplitter.Event::name).containsExactly("a", "b", "c");
        assertThat(events).extracting(SseEventSplitter.Event::data).containsExactly("1", "2", "3");
    }

    @Test
    void anUnfinishedEventStaysInTheRemainder() {
        SseEventSplitter splitter = new SseEventSplitter();

        assertThat(splitter.feed(new ByteBuffer[]{ByteBuffer.wrap("event: a\ndata: 1\n".getBytes(StandardCharsets.UTF_8))}))
                .isEmpty();
        assertThat(new String(splitter.remainder(), StandardCharsets.UTF_8)).isEqualTo("event: a\ndata: 1\n");
    }
}
