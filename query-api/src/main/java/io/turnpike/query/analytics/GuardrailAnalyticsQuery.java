package io.turnpike.query.analytics;

import io.turnpike.query.logs.SqlLiterals;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL that counts guardrail evaluations per tenant and the requested dimensions. {@code FINAL} collapses
 * replayed events (the table is a ReplacingMergeTree keyed by the evaluation's identity), so nothing is counted
 * twice. Runs on ClickHouse 18.16 and current versions: {@code -If} combinators and {@code quantile}, literals quoted
 * by {@link SqlLiterals}, dimension names only from {@link GuardrailAnalyticsFilter#DIMENSIONS}.
 */
public final class GuardrailAnalyticsQuery {
    /** The measures of each row, in output order. */
    static final List<String> MEASURES = List.of("evaluations", "fails", "errors", "denials", "denied_requests",
            "warns", "redactions", "p95_latency_micros");
    private static final String MEASURE_SQL = String.join(", ",
            "count() AS evaluations",
            "countIf(verdict = 'FAIL') AS fails",
            "countIf(verdict = 'ERROR') AS errors",
            "countIf(action_taken = 'deny') AS denials",
            "uniqExactIf(request_id, action_taken = 'deny') AS denied_requests",
            "countIf(action_taken = 'warn') AS warns",
            "countIf(action_taken = 'redact') AS redactions",
            "quantile(0.95)(latency_micros) AS p95_latency_micros");

    private final String database;
    private final GuardrailAnalyticsFilter filter;

    public GuardrailAnalyticsQuery(String database, GuardrailAnalyticsFilter filter) {
        this.database = database;
        this.filter = filter;
    }

    /** Tenant first, then the requested dimensions in the order asked. */
    List<String> dimensions() {
        List<String> dimensions = new ArrayList<>();
        dimensions.add("tenant");
        dimensions.addAll(filter.groupBy());
        return dimensions;
    }

    public String toSql() {
        List<String> where = new ArrayList<>();
        filter.tenant().ifPresent(v -> where.add("tenant = " + SqlLiterals.string(v)));
        filter.team().ifPresent(v -> where.add("team = " + SqlLiterals.string(v)));
        filter.user().ifPresent(v -> where.add("user = " + SqlLiterals.string(v)));
        filter.env().ifPresent(v -> where.add("env = " + SqlLiterals.string(v)));
        filter.guardrailId().ifPresent(v -> where.add("guardrail_id = " + SqlLiterals.string(v)));
        // The DateTime bound prunes partitions and the sort key; the millisecond bound makes the edge exact.
        filter.from().ifPresent(v -> {
            where.add("occurred_at >= toDateTime(" + SqlLiterals.unsigned(v.getEpochSecond()) + ")");
            where.add("occurred_at_ms >= " + SqlLiterals.unsigned(v.toEpochMilli()));
        });
        filter.to().ifPresent(v -> {
            where.add("occurred_at <= toDateTime(" + SqlLiterals.unsigned(v.getEpochSecond()) + ")");
            where.add("occurred_at_ms <= " + SqlLiterals.unsigned(v.toEpochMilli()));
        });
        String dimensions = String.join(", ", dimensions());
        StringBuilder sql = new StringBuilder("SELECT ").append(dimensions).append(", ").append(MEASURE_SQL)
                .append(" FROM ").append(SqlLiterals.identifier(database)).append(".guardrail_evaluations FINAL");
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        return sql.append(" GROUP BY ").append(dimensions)
                .append(" ORDER BY denials DESC, evaluations DESC, ").append(dimensions)
                .append(" LIMIT ").append(filter.limit())
                .append(" FORMAT JSONEachRow")
                .toString();
    }
}
