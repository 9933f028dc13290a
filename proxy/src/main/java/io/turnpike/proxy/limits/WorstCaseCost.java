package io.turnpike.proxy.limits;

import io.turnpike.proxy.pricing.ModelPrice;
import io.turnpike.proxy.pricing.PriceTable;
import io.turnpike.proxy.usage.TokenEstimator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The most a Messages request can cost before it runs, which is what a budget reservation holds: the input estimate
 * ({@link TokenEstimator}) raised by {@link #INPUT_MARGIN} — the estimator runs up to ~40 % under on dense code, and
 * 1 / 0.6 ≈ 1.67 — priced at the dearest way input can be billed (plain, 5-minute or 1-hour cache write), plus
 * {@code max_tokens} of output. Web searches are not bounded by the request and are not included; a settle charges
 * them anyway. An unpriced model has no USD worst case ({@link #nanoUsd()} empty): only token budgets apply to it.
 */
record WorstCaseCost(long tokens, Optional<Long> nanoUsd, String priceVersion) {
    /** Input estimate multiplier covering the estimator's documented underestimate (≤ 40 %). */
    static final BigDecimal INPUT_MARGIN = new BigDecimal("1.7");
    private static final BigDecimal NANO_USD_PER_USD_PER_MILLION_TOKENS = BigDecimal.valueOf(1_000);

    static WorstCaseCost of(long estimatedInputTokens, long maxTokens, String model, PriceTable prices) {
        long input = BigDecimal.valueOf(estimatedInputTokens).multiply(INPUT_MARGIN)
                .setScale(0, RoundingMode.CEILING).longValueExact();
        long tokens = Math.addExact(input, Math.max(0, maxTokens));
        Optional<Long> nanoUsd = prices.priceOf(model).map(price -> nanoUsd(price, input, Math.max(0, maxTokens)));
        return new WorstCaseCost(tokens, nanoUsd, prices.version());
    }

    private static long nanoUsd(ModelPrice price, long inputTokens, long outputTokens) {
        BigDecimal dearestInput = price.input().max(price.cacheWrite5m()).max(price.cacheWrite1h());
        return dearestInput.multiply(BigDecimal.valueOf(inputTokens))
                .add(price.output().multiply(BigDecimal.valueOf(outputTokens)))
                .multiply(NANO_USD_PER_USD_PER_MILLION_TOKENS)
                .setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }
}
