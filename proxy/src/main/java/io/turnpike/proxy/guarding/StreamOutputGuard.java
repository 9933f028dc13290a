package io.turnpike.proxy.guarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.proxy.exchange.ResponseFilter;
import io.turnpike.proxy.guardrails.Redaction;
import io.turnpike.proxy.guardrails.Redactor;
import io.turnpike.proxy.guardrails.SpanMatch;
import io.turnpike.proxy.guardrails.TextSpan;
import io.turnpike.proxy.wire.ProxyError;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Output guardrails on a Messages stream. Incremental: the non-blocking checks rerun on the whole text before a
 * chunk with new text is passed on (past the first few thousand characters, once enough new text arrived:
 * {@link #recheckEvery}), and whenever a block ends; a match is caught in the chunk that completes it, so earlier
 * chunks may have carried its first characters; {@code message_stop} is passed on only after every check ran on the complete text. A deny ends the stream
 * with an SSE {@code error} event. Hold: nothing is passed on until the complete text passed, so a deny is a 446 and
 * a redaction rewrites each redacted block as one delta.
 */
final class StreamOutputGuard implements ResponseFilter {
    /** What a held stream may buffer; beyond it the response is refused rather than sent unchecked. */
    static final int MAX_HELD_BYTES = 16 * 1024 * 1024;
    static final int RECHECK_EVERY_CHUNK_UNTIL = 4096;
    static final int MIN_RECHECK_CHARACTERS = 256;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TEXT_EVENTS = Set.of("content_block_start", "content_block_delta");

    /** An event with what the guard needs of it: its type and block index (-1 when it has none). */
    private record Held(SseEventSplitter.Event event, String type, int index) {
    }

    private final OutputCheckpoint checkpoint;
    private final boolean hold;
    private final SseEventSplitter splitter = new SseEventSplitter();
    private final ResponseText text = new ResponseText();
    private final List<Held> held = new ArrayList<>();
    private long heldBytes;
    private long checkedCharacters;

    StreamOutputGuard(OutputCheckpoint checkpoint, boolean hold) {
        this.checkpoint = checkpoint;
        this.hold = hold;
    }

    /**
     * New text that triggers a recheck: any, up to {@link #RECHECK_EVERY_CHUNK_UNTIL} characters; then a sixteenth
     * of the text so far, which keeps the total work on a long stream to a small multiple of its length.
     */
    static long recheckEvery(long characters) {
        return characters <= RECHECK_EVERY_CHUNK_UNTIL ? 1 : Math.max(MIN_RECHECK_CHARACTERS, characters / 16);
    }

    @Override
    public void accept(ByteBuffer[] upstream, Consumer<ByteBuffer[]> emit) {
        if (checkpoint.concluded()) {
            emit.accept(upstream);
            return;
        }
        List<Held> events = new ArrayList<>();
        boolean stop = false;
        boolean boundary = false;
        for (SseEventSplitter.Event event : splitter.feed(upstream)) {
            Held parsed = read(event);
            events.add(parsed);
            stop |= parsed.type().equals("message_stop");
            boundary |= parsed.type().equals("content_block_stop") || parsed.type().equals("message_delta");
        }
        if (hold) {
            for (Held event : events) {
                held.add(event);
                heldBytes += event.event().raw().length;
            }
            if (heldBytes > MAX_HELD_BYTES) {
                checkpoint.refuse(text, ProxyError.api("the response is larger than output guardrails can hold ("
                        + MAX_HELD_BYTES / (1024 * 1024) + " MiB); it was not sent"));
            } else if (stop) {
                concludeHeld(emit, NOTHING);
            } else {
                emit.accept(NOTHING);
            }
            return;
        }
        ByteBuffer[] out = bytes(events);
        if (stop) {
            checkpoint.conclude(text, redactions -> emit.accept(out));
        } else if (boundary || text.characters() - checkedCharacters >= recheckEvery(text.characters())) {
            checkedCharacters = text.characters();
            checkpoint.recheck(text, () -> emit.accept(out));
        } else {
            emit.accept(out);
        }
    }

    @Override
    public void finish(Consumer<ByteBuffer[]> emit) {
        ByteBuffer[] rest = {ByteBuffer.wrap(splitter.remainder())};
        if (checkpoint.concluded()) {
            emit.accept(rest);
        } else if (hold) {
            concludeHeld(emit, rest);
        } else {
            checkpoint.conclude(text, redactions -> emit.accept(rest));
        }
    }

    @Override
    public void abandon() {
        checkpoint.abandon(text);
    }

    private void concludeHeld(Consumer<ByteBuffer[]> emit, ByteBuffer[] rest) {
        checkpoint.conclude(text, redactions -> {
            List<ByteBuffer> out = new ArrayList<>(held.size() + 1);
            try {
                out.addAll(List.of(redactions.isEmpty() ? bytes(held) : redacted(redactions)));
            } catch (ProxyError unredactable) {
                checkpoint.refuse(text, unredactable);
                return;
            }
            held.clear();
            out.addAll(List.of(rest));
            emit.accept(out.toArray(ByteBuffer[]::new));
        });
    }

    /** The held events with each redacted block's deltas replaced by one delta carrying its redacted text. */
    private ByteBuffer[] redacted(List<SpanMatch> redactions) {
        Redaction redaction = Redactor.redact(text.spans(), redactions);
        Map<Integer, TextSpan> changed = new HashMap<>();
        List<TextSpan> before = text.spans();
        for (int i = 0; i < before.size(); i++) {
            TextSpan after = redaction.spans().get(i);
            if (!after.text().equals(before.get(i).text())) {
                if (ResponseText.kindOf(after.source()) == ResponseText.Kind.THINKING) {
                    throw ProxyError.guardrailDenied("response stopped: a redact output guardrail matched the "
                            + "model's thinking, which is signed and cannot be redacted", null);
                }
                changed.put(ResponseText.indexOf(after.source()), after);
            }
        }
        List<byte[]> out = new ArrayList<>(held.size());
        for (Held event : held) {
            TextSpan replacement = changed.get(event.index());
            if (replacement == null) {
                out.add(event.event().raw());
            } else if (event.type().equals("content_block_start")) {
                out.add(emptiedStart(event));
            } else if (event.type().equals("content_block_stop")) {
                out.add(delta(event.index(), replacement));
                out.add(event.event().raw());
            } else if (!event.type().equals("content_block_delta")) {
                out.add(event.event().raw());
            }
        }
        return out.stream().map(ByteBuffer::wrap).toArray(ByteBuffer[]::new);
    }

    /** A text block's start may carry text of its own; the one replacement delta carries all of it. */
    private static byte[] emptiedStart(Held event) {
        JsonNode data = parse(event.event().data());
        JsonNode block = data == null ? null : data.path("content_block");
        if (block instanceof ObjectNode object && object.path("text").asText("").length() > 0) {
            object.put("text", "");
            return frame("content_block_start", data);
        }
        return event.event().raw();
    }

    private static byte[] delta(int index, TextSpan replacement) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("type", "content_block_delta");
        data.put("index", index);
        ObjectNode delta = data.putObject("delta");
        if (ResponseText.kindOf(replacement.source()) == ResponseText.Kind.TOOL_INPUT) {
            if (parse(replacement.text()) == null) {
                throw ProxyError.api("a redact output guardrail left a tool input that is not valid JSON; "
                        + "the response was not sent");
            }
            delta.put("type", "input_json_delta");
            delta.put("partial_json", replacement.text());
        } else {
            delta.put("type", "text_delta");
            delta.put("text", replacement.text());
        }
        return frame("content_block_delta", data);
    }

    private static byte[] frame(String name, JsonNode data) {
        return ("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private Held read(SseEventSplitter.Event event) {
        String type = event.name();
        StreamEvent parsed = null;
        // Only events that can carry text, or say nothing of themselves, are parsed; the rest pass by unread.
        if (type == null || TEXT_EVENTS.contains(type) || type.equals("content_block_stop")) {
            parsed = StreamEvent.parse(event.data());
            if (type == null && parsed != null) {
                type = parsed.type();
            }
        }
        if (parsed != null) {
            text.apply(parsed);
        }
        int index = parsed != null && type != null && type.startsWith("content_block") ? parsed.index() : -1;
        return new Held(event, type == null ? "" : type, index);
    }

    private static JsonNode parse(String data) {
        if (data == null || data.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            return null;
        }
    }

    private static ByteBuffer[] bytes(List<Held> events) {
        ByteBuffer[] out = new ByteBuffer[events.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ByteBuffer.wrap(events.get(i).event().raw());
        }
        return out;
    }
}
