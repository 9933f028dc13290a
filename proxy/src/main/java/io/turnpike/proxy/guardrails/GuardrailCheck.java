package io.turnpike.proxy.guardrails;

/**
 * A deterministic check over a request or response. A check states a condition that should hold (the pattern
 * matches, no PII is present, the model is allowed); {@link Verdict#PASS} means it holds. {@link #negated()} is the
 * configuration's {@code not}. Implementations are immutable and thread-safe, and must not block.
 */
public interface GuardrailCheck {

    /** The definition's type name, e.g. {@code regexMatch}. */
    String type();

    CheckResult evaluate(GuardrailInput input);

    /**
     * Whether evaluating waits on something outside the process (a webhook): such checks never run on an IO thread,
     * and on a stream they run on the whole text once rather than on every increment.
     */
    default boolean blocking() {
        return false;
    }

    /**
     * {@link #evaluate} that turns a failure of the check itself into an {@link Verdict#ERROR} result. The message
     * names only the exception class: exception messages may quote the input.
     */
    default CheckResult evaluateSafely(GuardrailInput input) {
        long start = System.nanoTime();
        try {
            return evaluate(input);
        } catch (RuntimeException | StackOverflowError e) {
            return CheckResult.error(type(), start, "check failed: " + e.getClass().getSimpleName());
        }
    }

    /** This check with PASS and FAIL swapped; ERROR stays ERROR. */
    default GuardrailCheck negated() {
        return new NegatedCheck(this);
    }
}
