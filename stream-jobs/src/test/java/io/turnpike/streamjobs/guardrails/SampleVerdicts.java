package io.turnpike.streamjobs.guardrails;

import io.turnpike.events.guardrails.GuardrailEvaluated;

import java.time.Instant;

/** Guardrail verdicts as the proxy emits them. */
final class SampleVerdicts {
    static final Instant AT = Instant.parse("2026-11-25T10:15:30.123Z");

    private SampleVerdicts() {
    }

    static GuardrailEvaluated denied(String requestId, String tenant, int checkIndex, Instant at) {
        return new GuardrailEvaluated(GuardrailEvaluated.SCHEMA_VERSION, at, requestId, "trace-" + requestId,
                "key_1", tenant, "eng", "a@" + tenant + ".com", "prod", "no-pii", 3, "pii", "FAIL", "deny", "email",
                2, 140 + checkIndex, GuardrailEvaluated.INPUT, checkIndex);
    }

    static GuardrailEvaluated passedOutput(String requestId, String tenant, int checkIndex, Instant at) {
        return new GuardrailEvaluated(GuardrailEvaluated.SCHEMA_VERSION, at, requestId, null, null, tenant, null,
                null, null, "short-answers", 0, "wordCount", "PASS", "none", null, 0, 35,
                GuardrailEvaluated.OUTPUT, checkIndex);
    }
}
