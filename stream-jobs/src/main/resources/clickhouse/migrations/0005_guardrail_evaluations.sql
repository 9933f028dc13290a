-- One row per guardrail check evaluated on a request (io.turnpike.events.guardrails.GuardrailEvaluated), input and
-- output alike, written by GuardrailEvaluationJob.
-- ReplacingMergeTree keyed by what makes one evaluation unique — the request, the guardrail, the direction, the
-- check's position in the guardrail (and its type, for events from producers that did not send the position) —
-- after the tenant and the event time, which a replayed copy shares: it collapses on merge; exact readers use FINAL.
-- 18.16-compatible like request_log: DateTime plus occurred_at_ms instead of DateTime64, String, no TTL.
CREATE TABLE IF NOT EXISTS guardrail_evaluations
(
    occurred_at DateTime('UTC'),
    occurred_at_ms UInt64,
    request_id String,
    trace_id String,
    key_id String,
    tenant String,
    team String,
    user String,
    env String,
    guardrail_id String,
    guardrail_version UInt64,
    check_index UInt16,
    check_type String,
    applies_to String,
    verdict String,
    action_taken String,
    category String,
    match_count UInt32,
    latency_micros UInt64,
    schema_version UInt16
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (tenant, occurred_at, request_id, guardrail_id, applies_to, check_index, check_type);
