package io.turnpike.proxy.health;

import io.turnpike.proxy.providers.AttemptOutcome;

/**
 * What one attempt says about its target's health. Failures are the upstream's troubles: no answer at all
 * (connection refused or reset, timeout), 429 (rate limited), 529 (overloaded) and any other 5xx. A 4xx other than
 * 429 is the request's fault and so is a refusal before anything was sent (missing credentials): neither says
 * whether the upstream is well, so they are {@link #IGNORED} — they neither count towards opening the circuit nor
 * reset the count.
 */
public enum TargetHealthSignal {
    SUCCESS,
    FAILURE,
    IGNORED;

    /** By the HTTP status an upstream answered with. */
    static TargetHealthSignal ofStatus(int status) {
        if (status == 429 || status >= 500) {
            return FAILURE;
        }
        if (status >= 400) {
            return IGNORED;
        }
        return SUCCESS;
    }

    /** By an attempt's outcome, before it is committed or discarded. */
    static TargetHealthSignal of(AttemptOutcome outcome) {
        return switch (outcome.retryability()) {
            case NEVER -> IGNORED;
            case ALWAYS -> FAILURE;
            case BY_STATUS -> ofStatus(outcome.status());
        };
    }

    /** A short, content-free cause for a health event: the failure class below HTTP, else the status. */
    static String cause(AttemptOutcome outcome) {
        return outcome.errorClass() != null ? outcome.errorClass() : "status " + outcome.status();
    }
}
