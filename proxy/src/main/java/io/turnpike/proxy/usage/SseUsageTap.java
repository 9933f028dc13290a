package io.turnpike.proxy.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.events.request.TokenUsage;
import io.turnpike.proxy.wire.ErrorTypes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * An incremental server-sent-events parser over Messages API streams. Frames may be split anywhere across
 * chunks (even inside a UTF-8 character) and lines may end in LF, CRLF or CR. Only the frames that carry usage,
 * model or errors are parsed as JSON; text deltas pass by unparsed.
 */
public final class SseUsageTap implements UsageTap {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> INTERESTING = Set.of("message_start", "message_delta", "error");
    /** A line longer than this is not one we need (usage frames are tiny); it is dropped, not buffered. */
    private static final int MAX_LINE_BYTES = 1 << 20;

    private final UsageAccumulator usage = new UsageAccumulator();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean lineOverflowed;
    private boolean lastWasCarriageReturn;
    private String eventName;
    private StringBuilder data;
    private String servedModel;
    private String errorType;

    @Override
    public void accept(ByteBuffer chunk) {
        ByteBuffer view = chunk.duplicate();
        while (view.hasRemaining()) {
            byte b = view.get();
            if (b == '\n' && lastWasCarriageReturn) {
                lastWasCarriageReturn = false;
                continue;
            }
            lastWasCarriageReturn = b == '\r';
            if (b == '\n' || b == '\r') {
                endLine();
            } else if (line.size() < MAX_LINE_BYTES) {
                line.write(b);
            } else {
                lineOverflowed = true;
            }
        }
    }

    @Override
    public void finish() {
        if (line.size() > 0) {
            endLine();
        }
        dispatchFrame();
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        boolean overflowed = lineOverflowed;
        line.reset();
        lineOverflowed = false;
        if (text.isEmpty()) {
            dispatchFrame();
            return;
        }
        if (text.startsWith(":") || overflowed) {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (field.equals("event")) {
            eventName = value;
        } else if (field.equals("data") && (eventName == null || INTERESTING.contains(eventName))) {
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                data.append('\n').append(value);
            }
        }
    }

    private void dispatchFrame() {
        String name = eventName;
        StringBuilder payload = data;
        eventName = null;
        data = null;
        if (payload == null) {
            return;
        }
        JsonNode frame;
        try {
            frame = JSON.readTree(payload.toString());
        } catch (IOException e) {
            return; // not ours to judge: the bytes already went to the client unchanged
        }
        String type = name != null ? name : frame.path("type").asText();
        switch (type) {
            case "message_start" -> {
                JsonNode message = frame.path("message");
                usage.overwriteFrom(message.get("usage"));
                if (message.path("model").isTextual()) {
                    servedModel = message.get("model").asText();
                }
            }
            case "message_delta" -> usage.overwriteFrom(frame.get("usage"));
            case "error" -> errorType = frame.path("error").path("type").asText(ErrorTypes.API);
            default -> {
            }
        }
    }

    @Override
    public TokenUsage usage() {
        return usage.toUsage();
    }

    @Override
    public String servedModel() {
        return servedModel;
    }

    @Override
    public String errorType() {
        return errorType;
    }
}
