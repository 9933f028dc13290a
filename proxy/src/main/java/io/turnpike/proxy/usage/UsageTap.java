package io.turnpike.proxy.usage;

import io.turnpike.events.request.TokenUsage;

import java.nio.ByteBuffer;

/**
 * Watches response bytes as they pass to the client and works out what the event needs. Taps read a parsed
 * copy; they never change or hold up the bytes.
 */
public interface UsageTap {

    /** Reads {@code chunk} without moving its position. */
    void accept(ByteBuffer chunk);

    /** The response ended; parse anything still pending. */
    void finish();

    TokenUsage usage();

    /** The {@code model} the response reports, or null if none was seen. */
    String servedModel();

    /** The error type the upstream reported in its body or an SSE error frame, or null. */
    String errorType();

    static UsageTap forContentType(String contentType) {
        return contentType != null && contentType.toLowerCase().startsWith("text/event-stream")
                ? new SseUsageTap()
                : new JsonBodyUsageTap();
    }
}
