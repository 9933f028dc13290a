package io.turnpike.proxy.limits;

import io.turnpike.proxy.pricing.ModelPrice;
import io.turnpike.proxy.pricing.PriceTable;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WorstCaseCostTest {
    // USD per million tokens: input 3, output 15, cache read 0.30, 5-minute write 3.75, 1-hour write 6.
    private static final PriceTable PRICES = new PriceTable("test-1", Map.of("claude-sonnet-4-5",
            new ModelPrice(new BigDecimal("3"), new BigDecimal("15"), new BigDecimal("0.30"),
                    new BigDecimal("3.75"), new BigDecimal("6"))), Map.of());

    @Test
    void holdsTheMarginedInputAtTheDearestInputPricePlusMaxTokensOfOutput() {
        WorstCaseCost worst = WorstCaseCost.of(1_000, 200, "claude-sonnet-4-5", PRICES);

        assertThat(worst.tokens()).isEqualTo(1_700 + 200);
        // 1,700 × $6/M (1-hour cache write is the dearest input) + 200 × $15/M = $0.0102 + $0.003
        assertThat(worst.nanoUsd()).contains(13_200_000L);
        assertThat(worst.priceVersion()).isEqualTo("test-1");
    }

    @Test
    void coversAnEstimateThatIsFortyPercentUnderTheRealInput() {
        long realInput = 10_000;
        long estimate = 6_000; // 40 % under
        WorstCaseCost worst = WorstCaseCost.of(estimate, 0, "claude-sonnet-4-5", PRICES);
        assertThat(worst.tokens()).isGreaterThanOrEqualTo(realInput);
    }

    @Test
    void roundsPartialTokensAndNanoDollarsUp() {
        WorstCaseCost worst = WorstCaseCost.of(1, 1, "claude-sonnet-4-5", PRICES);
        assertThat(worst.tokens()).isEqualTo(2 + 1);
        assertThat(worst.nanoUsd()).contains(2 * 6_000L + 15_000L);
    }

    @Test
    void anUnpricedModelHasOnlyATokenWorstCase() {
        WorstCaseCost worst = WorstCaseCost.of(100, 50, "some-unknown-model", PRICES);
        assertThat(worst.tokens()).isEqualTo(220);
        assertThat(worst.nanoUsd()).isEqualTo(Optional.empty());
    }
}
