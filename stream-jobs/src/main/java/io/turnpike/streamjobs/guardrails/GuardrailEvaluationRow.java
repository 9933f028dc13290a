package io.turnpike.streamjobs.guardrails;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.turnpike.events.guardrails.GuardrailEvaluated;
import io.turnpike.streamjobs.clickhouse.ClickHouseDateTime;

import java.util.Objects;

/**
 * One row of {@code guardrail_evaluations}, as Flink carries it and as it is inserted (JSON field names = column
 * names). A Flink POJO on purpose (public no-arg constructor, public fields of basic types) so that it never falls
 * back to Kryo. Null strings become {@code ""}; the time is a {@code DateTime} string plus epoch milliseconds.
 */
public class GuardrailEvaluationRow {
    @JsonProperty("occurred_at") public String occurredAt;
    @JsonProperty("occurred_at_ms") public long occurredAtMs;
    @JsonProperty("request_id") public String requestId;
    @JsonProperty("trace_id") public String traceId;
    @JsonProperty("key_id") public String keyId;
    @JsonProperty("tenant") public String tenant;
    @JsonProperty("team") public String team;
    @JsonProperty("user") public String user;
    @JsonProperty("env") public String env;
    @JsonProperty("guardrail_id") public String guardrailId;
    @JsonProperty("guardrail_version") public long guardrailVersion;
    /** 0 for events from producers that did not send it; the check type in the sort key still tells checks apart. */
    @JsonProperty("check_index") public int checkIndex;
    @JsonProperty("check_type") public String checkType;
    @JsonProperty("applies_to") public String appliesTo;
    @JsonProperty("verdict") public String verdict;
    @JsonProperty("action_taken") public String actionTaken;
    @JsonProperty("category") public String category;
    @JsonProperty("match_count") public int matchCount;
    @JsonProperty("latency_micros") public long latencyMicros;
    @JsonProperty("schema_version") public int schemaVersion;

    public GuardrailEvaluationRow() {
    }

    /**
     * The row for one event. Pure, so a replayed event gives an equal row with the same sort key. Counts and
     * versions the table stores unsigned are refused when negative rather than wrapped around.
     */
    public static GuardrailEvaluationRow of(GuardrailEvaluated event) {
        if (event.matchCount() < 0 || event.latencyMicros() < 0 || event.guardrailVersion() < 0) {
            throw new IllegalArgumentException("match_count, latency_micros and guardrail_version must be ≥ 0");
        }
        GuardrailEvaluationRow row = new GuardrailEvaluationRow();
        row.occurredAt = ClickHouseDateTime.format(event.occurredAt());
        row.occurredAtMs = event.occurredAt().toEpochMilli();
        row.requestId = event.requestId();
        row.traceId = text(event.traceId());
        row.keyId = text(event.keyId());
        row.tenant = text(event.tenant());
        row.team = text(event.team());
        row.user = text(event.user());
        row.env = text(event.env());
        row.guardrailId = event.guardrailId();
        row.guardrailVersion = event.guardrailVersion();
        row.checkIndex = event.checkIndex() == null ? 0 : event.checkIndex();
        row.checkType = event.checkType();
        row.appliesTo = event.appliesTo();
        row.verdict = event.verdict();
        row.actionTaken = event.actionTaken();
        row.category = text(event.category());
        row.matchCount = event.matchCount();
        row.latencyMicros = event.latencyMicros();
        row.schemaVersion = event.schemaVersion();
        return row;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof GuardrailEvaluationRow other)) {
            return false;
        }
        return occurredAtMs == other.occurredAtMs && guardrailVersion == other.guardrailVersion
                && checkIndex == other.checkIndex && matchCount == other.matchCount
                && latencyMicros == other.latencyMicros && schemaVersion == other.schemaVersion
                && Objects.equals(occurredAt, other.occurredAt) && Objects.equals(requestId, other.requestId)
                && Objects.equals(traceId, other.traceId) && Objects.equals(keyId, other.keyId)
                && Objects.equals(tenant, other.tenant) && Objects.equals(team, other.team)
                && Objects.equals(user, other.user) && Objects.equals(env, other.env)
                && Objects.equals(guardrailId, other.guardrailId) && Objects.equals(checkType, other.checkType)
                && Objects.equals(appliesTo, other.appliesTo) && Objects.equals(verdict, other.verdict)
                && Objects.equals(actionTaken, other.actionTaken) && Objects.equals(category, other.category);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, guardrailId, appliesTo, checkIndex);
    }

    @Override
    public String toString() {
        return "GuardrailEvaluationRow[request_id=" + requestId + ", guardrail_id=" + guardrailId + ", applies_to="
                + appliesTo + ", check_index=" + checkIndex + "]";
    }
}
