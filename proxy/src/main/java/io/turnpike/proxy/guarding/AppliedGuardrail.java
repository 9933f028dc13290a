package io.turnpike.proxy.guarding;

import io.turnpike.events.guardrails.GuardrailDocument;
import io.turnpike.proxy.guardrails.GuardrailCheck;

import java.util.List;

/**
 * A guardrail as a request meets it: its id and admin version (0 for one written inline in a config), the document
 * (action, on_error, stream_mode) and its compiled checks, in document order.
 */
record AppliedGuardrail(String id, long version, GuardrailDocument document, List<GuardrailCheck> checks) {

    boolean failsClosed() {
        return document.onError() == GuardrailDocument.OnError.FAIL_CLOSED;
    }

    boolean hasBlockingCheck() {
        return checks.stream().anyMatch(GuardrailCheck::blocking);
    }
}
