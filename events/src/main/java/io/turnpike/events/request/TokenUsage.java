package io.turnpike.events.request;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Token counts as the Anthropic Messages API reports them. {@code cacheCreation1hTokens} is the part of
 * {@code cacheCreationInputTokens} written with a one-hour TTL (priced higher than the 5-minute default).
 */
public record TokenUsage(
        @JsonProperty("input_tokens") long inputTokens,
        @JsonProperty("output_tokens") long outputTokens,
        @JsonProperty("cache_read_input_tokens") long cacheReadInputTokens,
        @JsonProperty("cache_creation_input_tokens") long cacheCreationInputTokens,
        @JsonProperty("cache_creation_1h_tokens") long cacheCreation1hTokens) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0, 0);

    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0 || cacheReadInputTokens < 0 || cacheCreationInputTokens < 0
                || cacheCreation1hTokens < 0 || cacheCreation1hTokens > cacheCreationInputTokens) {
            throw new IllegalArgumentException("invalid token usage: " + inputTokens + "/" + outputTokens + "/"
                    + cacheReadInputTokens + "/" + cacheCreationInputTokens + "/" + cacheCreation1hTokens);
        }
    }
}
