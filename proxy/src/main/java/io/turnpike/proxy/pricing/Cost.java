package io.turnpike.proxy.pricing;

/**
 * @param nanoUsd      USD × 10⁹, exact
 * @param priceVersion the table version, suffixed {@code :unpriced} when the model was not in the table
 */
public record Cost(long nanoUsd, String priceVersion) {
}
