package io.turnpike.query.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL for one page of the request log, newest first. {@code FINAL} collapses replayed copies of an event
 * (the table is a ReplacingMergeTree keyed by tenant, start time and request id). Runs on ClickHouse 18.16 and
 * current versions alike: plain DateTime plus an epoch-millisecond column, no parameters, {@code FORMAT} in the SQL.
 */
public final class RequestLogQuery {
    static final String COLUMNS = String.join(", ",
            "request_id", "trace_id", "started_at_ms", "completed_at_ms", "key_id", "tenant", "team", "user", "env",
            "metadata", "config_id", "config_version", "target_path", "attempts", "cache_status", "provider",
            "provider_type", "requested_model", "served_model", "endpoint", "stream", "http_status", "error_type",
            "error_message",
            "input_tokens", "output_tokens", "cache_read_input_tokens", "cache_creation_input_tokens",
            "cache_creation_1h_tokens", "web_search_requests", "cost_nano_usd", "saved_cost_nano_usd", "price_version",
            "latency_ms", "time_to_first_token_ms", "session_id", "user_agent", "schema_version");

    private final String database;
    private final RequestLogFilter filter;

    public RequestLogQuery(String database, RequestLogFilter filter) {
        this.database = database;
        this.filter = filter;
    }

    public String toSql() {
        List<String> where = new ArrayList<>();
        filter.tenant().ifPresent(v -> where.add("tenant = " + SqlLiterals.string(v)));
        filter.team().ifPresent(v -> where.add("team = " + SqlLiterals.string(v)));
        filter.user().ifPresent(v -> where.add("user = " + SqlLiterals.string(v)));
        filter.env().ifPresent(v -> where.add("env = " + SqlLiterals.string(v)));
        // The DateTime bound lets ClickHouse prune partitions; the millisecond bound makes the edge exact.
        filter.from().ifPresent(v -> {
            where.add("started_at >= toDateTime(" + SqlLiterals.unsigned(v.getEpochSecond()) + ")");
            where.add("started_at_ms >= " + SqlLiterals.unsigned(v.toEpochMilli()));
        });
        filter.to().ifPresent(v -> {
            where.add("started_at <= toDateTime(" + SqlLiterals.unsigned(v.getEpochSecond()) + ")");
            where.add("started_at_ms <= " + SqlLiterals.unsigned(v.toEpochMilli()));
        });
        filter.guardrailAction().ifPresent(action -> where.add(guardrailActionCondition(action)));
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
                .append(" FROM ").append(SqlLiterals.identifier(database)).append(".request_log FINAL");
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        return sql.append(" ORDER BY started_at_ms DESC, request_id DESC LIMIT ")
                .append(filter.limit())
                .append(" FORMAT JSONEachRow")
                .toString();
    }

    /**
     * Requests with at least one verdict of that action, matched on (tenant, request id) so that another tenant's
     * verdict never selects a request. Evaluations happen after a request starts, so {@code from} bounds them too.
     */
    private String guardrailActionCondition(String action) {
        List<String> where = new ArrayList<>();
        where.add("action_taken = " + SqlLiterals.string(action));
        filter.tenant().ifPresent(v -> where.add("tenant = " + SqlLiterals.string(v)));
        filter.from().ifPresent(v ->
                where.add("occurred_at >= toDateTime(" + SqlLiterals.unsigned(v.getEpochSecond()) + ")"));
        return "(tenant, request_id) IN (SELECT tenant, request_id FROM " + SqlLiterals.identifier(database)
                + ".guardrail_evaluations FINAL WHERE " + String.join(" AND ", where) + ")";
    }
}
