package io.turnpike.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Test-side reading of an SSE body into (event, data) frames, strictly in the {@code event:/data:} shape. */
public record SseFrames(List<Frame> frames) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Frame(String event, JsonNode data) {
    }

    public static SseFrames parse(String body) {
        List<Frame> frames = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.isBlank()) {
                continue;
            }
            String[] lines = block.split("\n");
            if (lines.length != 2 || !lines[0].startsWith("event: ") || !lines[1].startsWith("data: ")) {
                throw new AssertionError("not an event/data frame: " + block);
            }
            try {
                frames.add(new Frame(lines[0].substring(7), JSON.readTree(lines[1].substring(6))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new SseFrames(frames);
    }

    public List<String> eventNames() {
        return frames.stream().map(Frame::event).toList();
    }

    public Frame first(String event) {
        return frames.stream().filter(f -> f.event().equals(event)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + event + " frame in " + eventNames()));
    }

    /** The {@code partial_json} pieces of every {@code input_json_delta}, joined: a streamed tool input's JSON. */
    public String inputJson() {
        StringBuilder json = new StringBuilder();
        frames.stream().filter(f -> f.event().equals("content_block_delta"))
                .filter(f -> f.data().at("/delta/type").asText().equals("input_json_delta"))
                .forEach(f -> json.append(f.data().at("/delta/partial_json").asText()));
        return json.toString();
    }

    public String text() {
        StringBuilder text = new StringBuilder();
        frames.stream().filter(f -> f.event().equals("content_block_delta"))
                .forEach(f -> text.append(f.data().path("delta").path("text").asText()));
        return text.toString();
    }
}
