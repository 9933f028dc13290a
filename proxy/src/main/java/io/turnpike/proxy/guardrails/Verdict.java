package io.turnpike.proxy.guardrails;

/** A check's outcome. {@code ERROR} means the check could not decide; the guardrail fails it open or closed. */
public enum Verdict {
    PASS, FAIL, ERROR
}
