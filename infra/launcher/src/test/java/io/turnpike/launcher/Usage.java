package io.turnpike.launcher;

import com.fasterxml.jackson.databind.JsonNode;

/** Token counts as the Anthropic API reports them, and what they cost on Claude Sonnet 4.5. */
record Usage(long inputTokens, long outputTokens, long cacheReadInputTokens, long cacheCreationInputTokens) {
    // Sonnet 4.5 list prices in nano-USD per token: $3 in, $15 out, a tenth of input for cache reads, 1.25× for
    // 5-minute cache writes. Bedrock and Vertex ids of the same model share the price.
    private static final long INPUT = 3_000;
    private static final long OUTPUT = 15_000;
    private static final long CACHE_READ = 300;
    private static final long CACHE_WRITE_5M = 3_750;

    static Usage of(long input, long output) {
        return new Usage(input, output, 0, 0);
    }

    /** The {@code usage} object of a {@code /v1/logs} entry or of a Messages API reply. */
    static Usage from(JsonNode usage) {
        return new Usage(usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong(),
                usage.path("cache_read_input_tokens").asLong(), usage.path("cache_creation_input_tokens").asLong());
    }

    long sonnet45CostNanoUsd() {
        return inputTokens * INPUT + outputTokens * OUTPUT + cacheReadInputTokens * CACHE_READ
                + cacheCreationInputTokens * CACHE_WRITE_5M;
    }
}
