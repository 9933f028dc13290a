package io.turnpike.query.logs;

import java.time.Instant;
import java.util.Optional;

/**
 * What a caller asked of the request log. Absent dimensions are not filtered on. {@code guardrailAction} keeps the
 * requests with at least one guardrail verdict whose action was that one ({@link GuardrailVerdicts#ACTIONS}).
 */
public record RequestLogFilter(
        Optional<String> tenant,
        Optional<String> team,
        Optional<String> user,
        Optional<String> env,
        Optional<Instant> from,
        Optional<Instant> to,
        int limit,
        Optional<String> guardrailAction) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public RequestLogFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new IllegalArgumentException("from must not be after to");
        }
        if (guardrailAction.isPresent() && !GuardrailVerdicts.ACTIONS.contains(guardrailAction.get())) {
            throw new IllegalArgumentException("guardrail_action must be one of " + GuardrailVerdicts.ACTIONS);
        }
    }

    /** Without a guardrail filter. */
    public RequestLogFilter(Optional<String> tenant, Optional<String> team, Optional<String> user,
                            Optional<String> env, Optional<Instant> from, Optional<Instant> to, int limit) {
        this(tenant, team, user, env, from, to, limit, Optional.empty());
    }
}
