package io.turnpike.events.request;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Token counts as the Anthropic Messages API reports them. {@code cacheCreation1hTokens} is the part of
 * {@code cacheCreationInputTokens} written with a one-hour TTL (priced higher than the 5-minute default);
 * {@code webSearchRequests} counts server-side web searches ({@code usage.server_tool_use}), priced per request.
 * Events written before a field existed read it as 0.
 */
public record TokenUsage(
        @JsonProperty("input_tokens") long inputTokens,
        @JsonProperty("output_tokens") long outputTokens,
        @JsonProperty("cache_read_input_tokens") long cacheReadInputTokens,
        @JsonProperty("cache_creation_input_tokens") long cacheCreationInputTokens,
        @JsonProperty("cache_creation_1h_tokens") long cacheCreation1hTokens,
        @JsonProperty("web_search_requests") long webSearchRequests) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0, 0, 0);

    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0 || cacheReadInputTokens < 0 || cacheCreationInputTokens < 0
                || cacheCreation1hTokens < 0 || cacheCreation1hTokens > cacheCreationInputTokens
                || webSearchRequests < 0) {
            throw new IllegalArgumentException("invalid token usage: " + inputTokens + "/" + outputTokens + "/"
                    + cacheReadInputTokens + "/" + cacheCreationInputTokens + "/" + cacheCreation1hTokens + "/"
                    + webSearchRequests);
        }
    }

    /** Token counts only, no server-tool use. */
    public TokenUsage(long inputTokens, long outputTokens, long cacheReadInputTokens, long cacheCreationInputTokens,
                      long cacheCreation1hTokens) {
        this(inputTokens, outputTokens, cacheReadInputTokens, cacheCreationInputTokens, cacheCreation1hTokens, 0);
    }
}
