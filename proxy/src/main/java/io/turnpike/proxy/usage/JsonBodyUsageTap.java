package io.turnpike.proxy.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.events.request.TokenUsage;
import io.turnpike.proxy.wire.ErrorTypes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Taps a non-streaming JSON response: keeps a copy of the body (up to a cap) and reads {@code usage} and
 * {@code model}, or {@code error.type}, when it ends.
 */
final class JsonBodyUsageTap implements UsageTap {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_COPY_BYTES = 16 << 20;

    private final ByteArrayOutputStream copy = new ByteArrayOutputStream(4096);
    private final UsageAccumulator usage = new UsageAccumulator();
    private boolean overflowed;
    private String servedModel;
    private String errorType;

    @Override
    public void accept(ByteBuffer chunk) {
        if (overflowed) {
            return;
        }
        if (copy.size() + chunk.remaining() > MAX_COPY_BYTES) {
            overflowed = true;
            copy.reset();
            return;
        }
        ByteBuffer view = chunk.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        copy.writeBytes(bytes);
    }

    @Override
    public void finish() {
        if (overflowed || copy.size() == 0) {
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(copy.toByteArray());
        } catch (IOException e) {
            return;
        } finally {
            copy.reset();
        }
        if (body == null) {
            return;
        }
        if ("error".equals(body.path("type").asText())) {
            errorType = body.path("error").path("type").asText(ErrorTypes.API);
            return;
        }
        usage.overwriteFrom(body.get("usage"));
        if (body.path("model").isTextual()) {
            servedModel = body.get("model").asText();
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
