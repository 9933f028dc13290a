package io.turnpike.proxy.exchange;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.nio.charset.StandardCharsets;

/** A complete response a provider produced locally (the mock): sent through the same tap as upstream bytes. */
public record ProviderReply(int status, String contentType, byte[] body) {

    /** The count_tokens answer shape, {@code {"input_tokens": n}}. */
    public static ProviderReply tokenCount(long inputTokens) {
        String body = JsonNodeFactory.instance.objectNode().put("input_tokens", inputTokens).toString();
        return new ProviderReply(200, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }
}
