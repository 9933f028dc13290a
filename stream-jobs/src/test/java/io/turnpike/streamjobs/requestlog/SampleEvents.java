package io.turnpike.streamjobs.requestlog;

import io.turnpike.events.request.RequestCompleted;
import io.turnpike.events.request.TokenUsage;

import java.time.Instant;
import java.util.Map;

/** Events as the proxy emits them, varied by request id and tenant. */
final class SampleEvents {
    static final Instant STARTED = Instant.parse("2026-11-25T10:15:30.123Z");
    static final Instant COMPLETED = Instant.parse("2026-11-25T10:15:31.456Z");

    private SampleEvents() {
    }

    static RequestCompleted completed(String requestId, String tenant, long inputTokens, long costNanoUsd) {
        return completed(requestId, tenant, inputTokens, costNanoUsd, STARTED, COMPLETED);
    }

    static RequestCompleted completed(String requestId, String tenant, long inputTokens, long costNanoUsd,
                                      Instant startedAt, Instant completedAt) {
        return new RequestCompleted(RequestCompleted.SCHEMA_VERSION, requestId, "trace-" + requestId,
                startedAt, completedAt, "key_1", tenant, "eng", "a@" + tenant + ".com", "prod",
                Map.of("project", "x", "env", "prod"),
                "desktop-eng-prod", "anthropic-main", "anthropic", "claude-sonnet-4-5",
                "claude-sonnet-4-5-20250929", "/v1/messages", true, 200, null,
                new TokenUsage(inputTokens, 350, 100, 40, 10),
                costNanoUsd, "2026-11-01", 1333L, 210L, "sess-9", "claude-cli/2.0");
    }

    /** A failed request: most optional fields absent. */
    static RequestCompleted failedWithoutOptionals(String requestId) {
        return new RequestCompleted(RequestCompleted.SCHEMA_VERSION, requestId, null,
                STARTED, COMPLETED, null, "acme", null, null, null, null,
                null, null, null, "claude-sonnet-4-5", null, "/v1/messages", false, 529, "overloaded_error",
                null, 0L, null, 80L, null, null, null);
    }
}
