package io.turnpike.proxy.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/** USD per million tokens for one model; the cache multipliers are stored explicitly, not derived. */
public record ModelPrice(BigDecimal input, BigDecimal output, BigDecimal cacheRead, BigDecimal cacheWrite5m,
                         BigDecimal cacheWrite1h) {
    public ModelPrice {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(cacheRead, "cacheRead");
        Objects.requireNonNull(cacheWrite5m, "cacheWrite5m");
        Objects.requireNonNull(cacheWrite1h, "cacheWrite1h");
    }
}
