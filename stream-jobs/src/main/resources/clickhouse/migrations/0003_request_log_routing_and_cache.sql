-- How each request was routed and whether the response cache answered it (RequestCompleted schema additions).
-- No IF NOT EXISTS on 18.16: the migrator skips each step whose column already exists.
ALTER TABLE request_log ADD COLUMN config_version UInt32 DEFAULT 0 AFTER config_id;
ALTER TABLE request_log ADD COLUMN target_path String DEFAULT '' AFTER config_version;
ALTER TABLE request_log ADD COLUMN attempts UInt16 DEFAULT 0 AFTER target_path;
ALTER TABLE request_log ADD COLUMN cache_status String DEFAULT '' AFTER attempts;
ALTER TABLE request_log ADD COLUMN saved_cost_nano_usd UInt64 DEFAULT 0 AFTER cost_nano_usd
