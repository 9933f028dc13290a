package io.turnpike.aggregates;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A budget as admins and the proxy see it. Amounts are in {@code unit}: nano-USD (USD × 10⁹) for {@code usd},
 * tokens for {@code tokens}. {@code spent} is this period's settled spend, {@code reserved} what open requests hold,
 * {@code remaining = max(0, limit - reserved - spent)}; {@code periodStart} is the current period's UTC start.
 */
public record BudgetView(String id, String name, Map<String, String> scope, String unit, long limit, String period,
                         Instant periodStart, long reserved, long spent, long remaining, List<Integer> thresholds,
                         int openReservations, Instant createdAt) {

    /**
     * Whether this budget applies to a request with this effective metadata and key: every scope dimension must
     * match ({@code key_id} against the key, the others against the metadata field of the same name).
     */
    public boolean appliesTo(Map<String, String> effectiveMetadata, String keyId) {
        for (Map.Entry<String, String> dimension : scope.entrySet()) {
            String actual = "key_id".equals(dimension.getKey()) ? keyId
                    : effectiveMetadata == null ? null : effectiveMetadata.get(dimension.getKey());
            if (!dimension.getValue().equals(actual)) {
                return false;
            }
        }
        return true;
    }
}
