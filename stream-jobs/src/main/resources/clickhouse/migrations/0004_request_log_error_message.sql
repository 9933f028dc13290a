-- Why the gateway refused or failed a request (budget, rate limit, guardrail, block, policy), for the logs.
-- No IF NOT EXISTS on 18.16: the migrator skips this step when the column already exists.
ALTER TABLE request_log ADD COLUMN error_message String DEFAULT '' AFTER error_type
