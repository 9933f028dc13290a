package io.turnpike.proxy;

import io.turnpike.events.request.RequestCompleted;
import io.turnpike.events.request.TokenUsage;

import java.time.Instant;
import java.util.Map;

/** Sample events for publisher tests. */
final class RequestEvents {
    private RequestEvents() {
    }

    static RequestCompleted sample(String requestId) {
        Instant started = Instant.parse("2026-11-02T10:15:30.123456Z");
        return new RequestCompleted(RequestCompleted.SCHEMA_VERSION, requestId, "trace-" + requestId, started,
                started.plusMillis(842), "key-1", "acme", "payments", "ada", "prod",
                Map.of("tenant", "acme", "team", "payments", "user", "ada", "env", "prod"), "cfg-1", "anthropic-1",
                "anthropic", "claude-sonnet-4-5", "claude-sonnet-4-5-20250929", "/v1/messages", true, 200, null,
                new TokenUsage(100, 50, 1000, 200, 50), 2_212_500L, "2026-11-01", 842, 120L, "session-7",
                "claude-cli/2.0.0");
    }
}
