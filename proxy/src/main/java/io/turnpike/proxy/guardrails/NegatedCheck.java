package io.turnpike.proxy.guardrails;

/** {@code not: true}: the same evaluation with PASS and FAIL swapped. An error stays an error. */
final class NegatedCheck implements GuardrailCheck {
    private final GuardrailCheck inner;

    NegatedCheck(GuardrailCheck inner) {
        this.inner = inner;
    }

    @Override
    public String type() {
        return inner.type();
    }

    @Override
    public CheckResult evaluate(GuardrailInput input) {
        CheckResult result = inner.evaluate(input);
        Verdict inverted = switch (result.verdict()) {
            case PASS -> Verdict.FAIL;
            case FAIL -> Verdict.PASS;
            case ERROR -> Verdict.ERROR;
        };
        return new CheckResult(inverted, result.category(), result.matches(), result.latencyNanos(),
                "not (" + result.message() + ")");
    }

    @Override
    public boolean blocking() {
        return inner.blocking();
    }

    @Override
    public GuardrailCheck negated() {
        return inner;
    }

    @Override
    public String toString() {
        return "not " + inner;
    }
}
