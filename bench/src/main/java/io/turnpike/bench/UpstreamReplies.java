package io.turnpike.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.proxy.fakes.FakeAnthropic;

import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the fake upstream answers, in Anthropic's wire format: one message of ~1.5 KB of text, either as one JSON
 * body or as an SSE stream of {@value #DELTAS} text deltas (each flushed as its own chunk, as the real API does).
 * The text passes the bench's output guardrails, so a guardrail's cost shows without it cutting the stream.
 */
final class UpstreamReplies {
    static final int DELTAS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UPSTREAM_MODEL = "claude-haiku-4-5-20251001";
    private static final String SENTENCE = "An idempotent consumer records which messages it has already applied, "
            + "so a redelivered message changes nothing the second time. ";
    static final String TEXT = SENTENCE.repeat(11);

    private UpstreamReplies() {
    }

    /** A non-streaming 200 with the whole text and its usage. */
    static FakeAnthropic.Responder message(Duration delay) {
        String body = messageJson();
        return exchange -> {
            pause(delay);
            FakeAnthropic.json(exchange, 200, body);
        };
    }

    /** A 200 event stream: message_start, a text block in {@value #DELTAS} deltas, message_delta, message_stop. */
    static FakeAnthropic.Responder stream(Duration delay) {
        List<String[]> frames = streamFrames();
        return exchange -> {
            pause(delay);
            OutputStream out = FakeAnthropic.startStream(exchange);
            for (String[] frame : frames) {
                FakeAnthropic.frame(out, frame[0], frame[1]);
            }
        };
    }

    private static String messageJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "msg_bench_json");
        root.put("type", "message");
        root.put("role", "assistant");
        root.put("model", UPSTREAM_MODEL);
        root.putArray("content").addObject().put("type", "text").put("text", TEXT);
        root.put("stop_reason", "end_turn");
        root.putNull("stop_sequence");
        root.putObject("usage").put("input_tokens", 2600).put("output_tokens", outputTokens());
        return root.toString();
    }

    private static List<String[]> streamFrames() {
        List<String[]> frames = new ArrayList<>();
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        ObjectNode message = start.putObject("message");
        message.put("id", "msg_bench_stream").put("type", "message").put("role", "assistant")
                .put("model", UPSTREAM_MODEL);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", 40).put("output_tokens", 1);
        frames.add(new String[]{"message_start", start.toString()});
        frames.add(new String[]{"content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"});
        frames.add(new String[]{"ping", "{\"type\":\"ping\"}"});
        for (int i = 0; i < DELTAS; i++) {
            ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
            delta.putObject("delta").put("type", "text_delta")
                    .put("text", TEXT.substring(i * TEXT.length() / DELTAS, (i + 1) * TEXT.length() / DELTAS));
            frames.add(new String[]{"content_block_delta", delta.toString()});
        }
        frames.add(new String[]{"content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"});
        frames.add(new String[]{"message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + outputTokens() + "}}"});
        frames.add(new String[]{"message_stop", "{\"type\":\"message_stop\"}"});
        return List.copyOf(frames);
    }

    /** Roughly four characters a token, as for English text. */
    private static int outputTokens() {
        return TEXT.length() / 4;
    }

    private static void pause(Duration delay) throws InterruptedException {
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis());
        }
    }
}
