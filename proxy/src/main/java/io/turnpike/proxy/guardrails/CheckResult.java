package io.turnpike.proxy.guardrails;

import java.util.List;
import java.util.Objects;

/**
 * One evaluation of one check. Safe to record: {@code matches} hold offsets and categories, never matched text,
 * and {@code message} is written by the check without quoting the input.
 *
 * @param verdict      pass, fail, or error (the check could not decide)
 * @param category     the check's category, e.g. {@code pii}, {@code regex_match}
 * @param matches      what was found, whatever the verdict (a passing {@code wordList any} lists its hits too)
 * @param latencyNanos time spent evaluating
 * @param message      a short explanation for people
 */
public record CheckResult(Verdict verdict, String category, List<SpanMatch> matches, long latencyNanos,
                          String message) {
    public CheckResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(category, "category");
        matches = List.copyOf(matches);
        message = message == null ? "" : message;
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }

    static CheckResult of(boolean pass, String category, List<SpanMatch> matches, long startNanos, String message) {
        return new CheckResult(pass ? Verdict.PASS : Verdict.FAIL, category, matches,
                System.nanoTime() - startNanos, message);
    }

    static CheckResult error(String category, long startNanos, String message) {
        return new CheckResult(Verdict.ERROR, category, List.of(), System.nanoTime() - startNanos, message);
    }
}
