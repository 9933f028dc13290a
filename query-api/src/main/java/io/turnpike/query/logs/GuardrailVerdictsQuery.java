package io.turnpike.query.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL for the guardrail verdicts of one page of the request log: one query for all of the page's requests,
 * matched on (tenant, request id) so that a verdict is only ever shown under its own tenant's request. The time
 * window — the page's first start minus {@link #BEFORE} to its last completion plus {@link #AFTER}, generous for
 * clock steps and for output checks that finish as the response does — lets ClickHouse skip the rest of the
 * tenant's rows ({@code guardrail_evaluations} is ordered by tenant, then time). {@code FINAL} collapses replays.
 */
final class GuardrailVerdictsQuery {
    static final Duration BEFORE = Duration.ofMinutes(1);
    static final Duration AFTER = Duration.ofMinutes(10);
    static final String COLUMNS = "tenant, request_id, guardrail_id, check_type, applies_to, verdict, action_taken,"
            + " category, match_count, latency_micros";

    /** One request of the page: its tenant and id. */
    record RequestKey(String tenant, String requestId) {
    }

    private final String database;
    private final List<RequestKey> requests;
    private final Instant firstStart;
    private final Instant lastCompletion;

    GuardrailVerdictsQuery(String database, List<RequestKey> requests, Instant firstStart, Instant lastCompletion) {
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("no requests to look up");
        }
        this.database = database;
        this.requests = List.copyOf(requests);
        this.firstStart = firstStart;
        this.lastCompletion = lastCompletion;
    }

    String toSql() {
        String keys = requests.stream()
                .map(r -> "(" + SqlLiterals.string(r.tenant()) + ", " + SqlLiterals.string(r.requestId()) + ")")
                .collect(Collectors.joining(", "));
        long from = Math.max(0, firstStart.minus(BEFORE).getEpochSecond());
        long to = lastCompletion.plus(AFTER).getEpochSecond();
        return "SELECT " + COLUMNS + " FROM " + SqlLiterals.identifier(database) + ".guardrail_evaluations FINAL"
                + " WHERE (tenant, request_id) IN (" + keys + ")"
                + " AND occurred_at >= toDateTime(" + SqlLiterals.unsigned(from) + ")"
                + " AND occurred_at <= toDateTime(" + SqlLiterals.unsigned(to) + ")"
                + " ORDER BY tenant, request_id, occurred_at_ms, applies_to, guardrail_id, check_index"
                + " FORMAT JSONEachRow";
    }
}
