package io.turnpike.proxy.guarding;

import io.turnpike.events.guardrails.GuardrailDocument.Action;
import io.turnpike.proxy.guardrails.CheckResult;
import io.turnpike.proxy.guardrails.Verdict;

import java.util.List;

/** One guardrail evaluated once: a result per check, in the guardrail's check order. */
record GuardrailOutcome(AppliedGuardrail guardrail, List<CheckResult> results) {

    boolean failed() {
        return results.stream().anyMatch(r -> r.verdict() == Verdict.FAIL);
    }

    boolean errored() {
        return results.stream().anyMatch(r -> r.verdict() == Verdict.ERROR);
    }

    /** Whether this outcome refuses the content: a deny that flagged, or any check error where the guardrail fails closed. */
    boolean denies() {
        return errored() && guardrail.failsClosed() || failed() && guardrail.document().action() == Action.DENY;
    }

    boolean warns() {
        return !denies() && failed() && guardrail.document().action() == Action.WARN;
    }

    boolean redacts() {
        return !denies() && failed() && guardrail.document().action() == Action.REDACT;
    }
}
