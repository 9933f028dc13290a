package io.turnpike.proxy.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.turnpike.events.request.TokenUsage;

/**
 * Anthropic reports usage as running totals: {@code message_start} carries the first figures and each
 * {@code message_delta} restates the fields that changed. So fields are overwritten, never added.
 */
final class UsageAccumulator {
    private long inputTokens;
    private long outputTokens;
    private long cacheReadInputTokens;
    private long cacheCreationInputTokens;
    private long cacheCreation1hTokens;
    private long webSearchRequests;

    void overwriteFrom(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return;
        }
        inputTokens = field(usage, "input_tokens", inputTokens);
        outputTokens = field(usage, "output_tokens", outputTokens);
        cacheReadInputTokens = field(usage, "cache_read_input_tokens", cacheReadInputTokens);
        cacheCreationInputTokens = field(usage, "cache_creation_input_tokens", cacheCreationInputTokens);
        cacheCreation1hTokens = field(usage.path("cache_creation"), "ephemeral_1h_input_tokens",
                cacheCreation1hTokens);
        webSearchRequests = field(usage.path("server_tool_use"), "web_search_requests", webSearchRequests);
    }

    TokenUsage toUsage() {
        // A malformed upstream figure must not throw away the rest of the event.
        long oneHour = Math.min(cacheCreation1hTokens, cacheCreationInputTokens);
        return new TokenUsage(inputTokens, outputTokens, cacheReadInputTokens, cacheCreationInputTokens, oneHour,
                webSearchRequests);
    }

    private static long field(JsonNode node, String name, long current) {
        JsonNode value = node.get(name);
        return value != null && value.canConvertToLong() && value.asLong() >= 0 ? value.asLong() : current;
    }
}
