package io.turnpike.proxy.providers.bedrock;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.proxy.wire.ErrorEnvelope;
import io.turnpike.proxy.wire.ErrorTypes;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Translates Bedrock's {@code application/vnd.amazon.eventstream} response, fed chunk by chunk as it arrives,
 * into the Anthropic SSE stream the client expects: each {@code chunk} event's base64 {@code bytes} is one
 * Anthropic event, re-emitted as {@code event: <type>\ndata: <json>\n\n}. Exception frames, corrupt frames
 * (prelude or message CRC mismatch) and a stream that stops short become one SSE {@code error} frame, after
 * which the translator is terminated and ignores further input.
 *
 * <p>Framing is done here (the prelude's total length says where a frame ends) and each complete frame is
 * decoded and CRC-checked by the event-stream library's {@link Message#decode}. The library's own
 * {@code MessageDecoder} would do the buffering too, but eagerly allocates 2 MiB per stream; this buffer grows
 * only to the largest frame seen. Not thread-safe: fed by one upstream subscriber, serially.
 */
final class BedrockEventStream {
    /** The same ceiling as the event-stream library: 16 MiB payload plus headers and framing. */
    static final int MAX_FRAME_BYTES = 24 * 1024 * 1024;
    private static final int PRELUDE_BYTES = 12;
    private static final int MIN_FRAME_BYTES = 16;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private byte[] buffer = new byte[8192];
    private int start;
    private int end;
    private boolean preludeChecked;
    private boolean sawMessageStop;
    private boolean terminated;
    private String errorType;

    /** Consumes {@code chunk} (its position moves to the limit); returns the SSE bytes it completes, maybe none. */
    byte[] accept(ByteBuffer chunk) {
        if (terminated) {
            chunk.position(chunk.limit());
            return new byte[0];
        }
        append(chunk);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!terminated) {
            int available = end - start;
            if (available < PRELUDE_BYTES) {
                break;
            }
            int totalLength = readInt(start);
            if (!preludeChecked) {
                String problem = preludeProblem(totalLength);
                if (problem != null) {
                    fail(out, ErrorTypes.API, "Bedrock sent a corrupt event-stream frame: " + problem);
                    break;
                }
                preludeChecked = true;
            }
            if (available < totalLength) {
                break;
            }
            Message message;
            try {
                message = Message.decode(ByteBuffer.wrap(buffer, start, totalLength).slice());
            } catch (RuntimeException e) {
                fail(out, ErrorTypes.API, "Bedrock sent a corrupt event-stream frame: " + e.getMessage());
                break;
            }
            start += totalLength;
            preludeChecked = false;
            translate(message, out);
        }
        if (start == end) {
            start = 0;
            end = 0;
        }
        return out.toByteArray();
    }

    /** The upstream ended: anything short of a complete stream becomes an error frame. */
    byte[] finish() {
        if (terminated) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (end > start) {
            fail(out, ErrorTypes.API, "the Bedrock event stream ended in the middle of a frame");
        } else if (!sawMessageStop) {
            fail(out, ErrorTypes.API, "the Bedrock event stream ended before message_stop");
        } else {
            terminated = true;
        }
        return out.toByteArray();
    }

    boolean isTerminated() {
        return terminated;
    }

    /** The Anthropic error type of the error frame this translator emitted, or null. */
    String errorType() {
        return errorType;
    }

    private void translate(Message message, ByteArrayOutputStream out) {
        Map<String, HeaderValue> headers = message.getHeaders();
        String messageType = string(headers, ":message-type");
        if ("event".equals(messageType)) {
            if ("chunk".equals(string(headers, ":event-type"))) {
                emitChunk(message.getPayload(), out);
            }
            // other event types (e.g. initial-response) carry nothing for the client
        } else if ("exception".equals(messageType)) {
            String name = string(headers, ":exception-type");
            BedrockErrors.Mapped mapped = BedrockErrors.map(name, 500);
            String text = BedrockErrors.message(message.getPayload());
            fail(out, mapped.type(), text != null ? text : "Bedrock stream failed: " + name);
        } else if ("error".equals(messageType)) {
            String code = string(headers, ":error-code");
            String text = string(headers, ":error-message");
            fail(out, BedrockErrors.map(code, 500).type(), text != null ? text : "Bedrock stream failed: " + code);
        }
    }

    private void emitChunk(byte[] payload, ByteArrayOutputStream out) {
        byte[] event;
        String type;
        try {
            JsonNode wrapper = JSON.readTree(payload);
            event = Base64.getDecoder().decode(wrapper.path("bytes").asText(""));
            type = eventType(event);
            if (containsLineBreak(event)) {
                // An SSE data line cannot hold a raw line break; compact JSON never contains one.
                event = JSON.writeValueAsBytes(JSON.readTree(event));
            }
        } catch (IOException | IllegalArgumentException e) {
            fail(out, ErrorTypes.API, "Bedrock sent a chunk that is not a base64 JSON event");
            return;
        }
        if (type == null) {
            fail(out, ErrorTypes.API, "Bedrock sent a chunk event without a type");
            return;
        }
        if (type.equals("message_stop")) {
            sawMessageStop = true;
        }
        out.writeBytes(("event: " + type + "\ndata: ").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(event);
        out.writeBytes("\n\n".getBytes(StandardCharsets.UTF_8));
    }

    /** The top-level {@code type}, read with a streaming parser that skips the (possibly large) rest. */
    private static String eventType(byte[] event) throws IOException {
        try (JsonParser parser = FACTORY.createParser(event)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("type".equals(name) && value == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
            return null;
        }
    }

    private static boolean containsLineBreak(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }

    private void fail(ByteArrayOutputStream out, String type, String message) {
        terminated = true;
        errorType = type;
        out.writeBytes(ErrorEnvelope.sseFrame(type, message).getBytes(StandardCharsets.UTF_8));
    }

    /** Checks the prelude's own CRC before trusting its length, so a corrupt length never makes us wait. */
    private String preludeProblem(int totalLength) {
        CRC32 crc = new CRC32();
        crc.update(buffer, start, 8);
        long expected = readInt(start + 8) & 0xffffffffL;
        if (crc.getValue() != expected) {
            return "prelude checksum mismatch";
        }
        if (totalLength < MIN_FRAME_BYTES || totalLength > MAX_FRAME_BYTES) {
            return "frame length " + Integer.toUnsignedString(totalLength) + " out of range";
        }
        return null;
    }

    private void append(ByteBuffer chunk) {
        int length = chunk.remaining();
        if (end + length > buffer.length) {
            int live = end - start;
            byte[] target = live + length > buffer.length ? new byte[Math.max(buffer.length * 2, live + length)] : buffer;
            System.arraycopy(buffer, start, target, 0, live);
            buffer = target;
            start = 0;
            end = live;
        }
        chunk.get(buffer, end, length);
        end += length;
    }

    private int readInt(int at) {
        return ((buffer[at] & 0xff) << 24) | ((buffer[at + 1] & 0xff) << 16)
                | ((buffer[at + 2] & 0xff) << 8) | (buffer[at + 3] & 0xff);
    }

    private static String string(Map<String, HeaderValue> headers, String name) {
        HeaderValue value = headers.get(name);
        if (value == null) {
            return null;
        }
        try {
            return value.getString();
        } catch (RuntimeException e) {
            return null; // not a string-typed header
        }
    }
}
