package io.turnpike.proxy.pricing;

import io.turnpike.events.request.TokenUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PriceTableTest {
    private final PriceTable prices = PriceTable.loadDefault();

    @Test
    void shipsAVersionedTable() {
        assertThat(prices.version()).isEqualTo("2026-11-01");
    }

    @Test
    void pricesInputAndOutputExactly() {
        // 1,000 × $3/M + 500 × $15/M = $0.0105
        Cost cost = prices.cost("claude-sonnet-4-5-20250929", new TokenUsage(1_000, 500, 0, 0, 0));

        assertThat(cost).isEqualTo(new Cost(10_500_000L, "2026-11-01"));
    }

    @Test
    void pricesCacheReadsAndBothCacheWriteDurations() {
        // claude-3-5-haiku: in $0.80, out $4, read $0.08, 5-minute write $1, 1-hour write $1.60 (per million)
        // 1,000,000×0.80 + 10×4 + 1,000×0.08 + 500×1.60 + (2,000−500)×1.00 = 802,420 USD per million tokens
        Cost cost = prices.cost("claude-3-5-haiku@20241022", new TokenUsage(1_000_000, 10, 1_000, 2_000, 500));

        assertThat(cost.nanoUsd()).isEqualTo(802_420_000L);
    }

    @Test
    void addsWebSearchesAtTenDollarsPerThousand() {
        // 1,000×3000 + 200×15000 nano-USD of tokens, plus 3 searches × 0.01 USD.
        Cost cost = prices.cost("claude-sonnet-4-5", new TokenUsage(1_000, 200, 0, 0, 0, 3));
        assertThat(cost.nanoUsd()).isEqualTo(3_000_000L + 3_000_000L + 30_000_000L);
    }

    @Test
    void aSingleOpusTokenCostsFifteenMicroDollars() {
        assertThat(prices.cost("claude-opus-4-1", new TokenUsage(1, 0, 0, 0, 0)).nanoUsd()).isEqualTo(15_000L);
    }

    @Test
    void storesTheCacheMultipliersExplicitly() {
        ModelPrice opus = prices.priceOf("claude-opus-4-0").orElseThrow();

        assertThat(opus.input()).isEqualByComparingTo("15");
        assertThat(opus.output()).isEqualByComparingTo("75");
        assertThat(opus.cacheRead()).isEqualByComparingTo("1.5");
        assertThat(opus.cacheWrite5m()).isEqualByComparingTo("18.75");
        assertThat(opus.cacheWrite1h()).isEqualByComparingTo("30");
    }

    @Test
    void pricesTheFifthGenerationsAtTheirFourPointFiveTier() {
        TokenUsage usage = new TokenUsage(1_234, 567, 89, 10, 4);

        assertThat(prices.cost("claude-opus-5", usage).nanoUsd())
                .isEqualTo(prices.cost("claude-opus-4-5", usage).nanoUsd());
        assertThat(prices.cost("claude-sonnet-5-5-20270101", usage).nanoUsd())
                .isEqualTo(prices.cost("claude-sonnet-4-5", usage).nanoUsd());
        assertThat(prices.cost("claude-haiku-5", usage).nanoUsd())
                .isEqualTo(prices.cost("claude-haiku-4-5", usage).nanoUsd());
    }

    @Test
    void resolvesTheUndecoratedClaude4AliasesThroughTheTable() {
        // claude-sonnet-4-20250514 is the dated id of the model the table calls claude-sonnet-4-0.
        assertThat(prices.cost("us.anthropic.claude-sonnet-4-20250514-v1:0", new TokenUsage(1_000_000, 0, 0, 0, 0)))
                .isEqualTo(new Cost(3_000_000_000L, "2026-11-01"));
    }

    @Test
    void anUnknownModelCostsNothingAndIsMarkedUnpriced() {
        assertThat(prices.cost("gpt-4o", new TokenUsage(100, 100, 0, 0, 0)))
                .isEqualTo(new Cost(0, "2026-11-01:unpriced"));
        assertThat(prices.cost(null, TokenUsage.NONE).priceVersion()).isEqualTo("2026-11-01:unpriced");
    }

    @Test
    void loadsATableFromAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, """
                {"version":"test-1","models":{"claude-test":{"input":0.25,"output":1.25,"cache_read":0.03,
                 "cache_write_5m":0.3125,"cache_write_1h":0.5}}}
                """);

        PriceTable table = PriceTable.load(file);

        assertThat(table.priceOf("claude-test-20250101").orElseThrow().cacheWrite5m())
                .isEqualTo(new BigDecimal("0.3125"));
        // 3 × 0.03 = 0.09 per million → 90 nano-USD, with no float rounding anywhere
        assertThat(table.cost("claude-test", new TokenUsage(0, 0, 3, 0, 0))).isEqualTo(new Cost(90, "test-1"));
    }
}
