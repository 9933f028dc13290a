-- One row per proxied request (io.turnpike.events.request.RequestCompleted), written by RequestLogJob.
-- ReplacingMergeTree with only immutable identity fields in the sort key: a replayed copy of an event has the
-- same (tenant, started_at, request_id) and collapses into one row on merge; exact readers use FINAL.
-- Runs on ClickHouse 18.16 and current releases: DateTime (seconds) plus *_ms epoch-millisecond columns instead
-- of DateTime64, String instead of LowCardinality/Map/JSON, no TTL (drop monthly partitions instead).
CREATE TABLE IF NOT EXISTS request_log
(
    request_id String,
    trace_id String,
    started_at DateTime('UTC'),
    started_at_ms UInt64,
    completed_at DateTime('UTC'),
    completed_at_ms UInt64,
    key_id String,
    tenant String,
    team String,
    user String,
    env String,
    metadata String,
    config_id String,
    provider String,
    provider_type String,
    requested_model String,
    served_model String,
    endpoint String,
    stream UInt8,
    http_status UInt16,
    error_type String,
    input_tokens UInt64,
    output_tokens UInt64,
    cache_read_input_tokens UInt64,
    cache_creation_input_tokens UInt64,
    cache_creation_1h_tokens UInt64,
    cost_nano_usd UInt64,
    price_version String,
    latency_ms UInt64,
    time_to_first_token_ms Nullable(UInt64),
    session_id String,
    user_agent String,
    schema_version UInt16
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(started_at)
ORDER BY (tenant, started_at, request_id);
