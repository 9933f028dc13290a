package io.turnpike.query.analytics;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * What a caller asked of the guardrail analytics: which evaluations (absent dimensions are not filtered on) and
 * which dimensions to count them by. Rows are always per tenant as well, so that teams, users or guardrails of
 * different tenants that share a name are never added together; an empty {@code groupBy} gives per-tenant totals.
 */
public record GuardrailAnalyticsFilter(
        Optional<String> tenant,
        Optional<String> team,
        Optional<String> user,
        Optional<String> env,
        Optional<String> guardrailId,
        Optional<Instant> from,
        Optional<Instant> to,
        List<String> groupBy,
        int limit) {

    /** The dimensions {@code group_by} may name, in {@code guardrail_evaluations} column names. */
    public static final List<String> DIMENSIONS = List.of("guardrail_id", "guardrail_version", "check_type",
            "category", "verdict", "action_taken", "applies_to", "team", "user", "env");
    public static final List<String> DEFAULT_GROUP_BY = List.of("guardrail_id", "team");
    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 10_000;

    public GuardrailAnalyticsFilter {
        groupBy = List.copyOf(groupBy);
        if (!DIMENSIONS.containsAll(groupBy)) {
            throw new IllegalArgumentException("group_by may only name " + DIMENSIONS + ", got " + groupBy);
        }
        if (new HashSet<>(groupBy).size() != groupBy.size()) {
            throw new IllegalArgumentException("group_by names a dimension twice: " + groupBy);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new IllegalArgumentException("from must not be after to");
        }
    }
}
