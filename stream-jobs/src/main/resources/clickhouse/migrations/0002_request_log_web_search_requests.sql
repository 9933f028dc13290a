-- Server-side web searches per request (usage.server_tool_use.web_search_requests), priced per request.
-- No IF NOT EXISTS on 18.16: the migrator skips this step when the column already exists.
ALTER TABLE request_log ADD COLUMN web_search_requests UInt64 DEFAULT 0 AFTER cache_creation_1h_tokens
