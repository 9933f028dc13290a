package io.turnpike.proxy.guardrails;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code regexMatch}: passes when the pattern matches somewhere in the texts (use {@code not} to deny on a match).
 * Every match is reported, so a redact action can remove them. A pattern that runs past {@code timeout} (default
 * 50 ms, for pathological backtracking) gives {@link Verdict#ERROR}.
 */
public record RegexMatchCheck(Pattern pattern, Duration timeout) implements GuardrailCheck {
    public static final String TYPE = "regexMatch";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(50);
    static final String CATEGORY = "regex_match";

    /**
     * @param flags JavaScript-style letters: {@code i} case-insensitive (Unicode), {@code m} multiline,
     *              {@code s} dot matches newlines, {@code x} comments; {@code g} and {@code u} are accepted and
     *              change nothing (all matches are always found; Java is Unicode already)
     */
    public static RegexMatchCheck compile(String regex, String flags, Duration timeout) {
        int bits = 0;
        for (char flag : flags.toCharArray()) {
            bits |= switch (flag) {
                case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> Pattern.MULTILINE;
                case 's' -> Pattern.DOTALL;
                case 'x' -> Pattern.COMMENTS;
                case 'g', 'u' -> 0;
                default -> throw new IllegalArgumentException("unknown flag '" + flag + "' (use i, m, s, x)");
            };
        }
        return new RegexMatchCheck(Pattern.compile(regex, bits), timeout);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CheckResult evaluate(GuardrailInput input) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<SpanMatch> matches = new ArrayList<>();
        try {
            for (TextSpan span : input.spans()) {
                Matcher m = pattern.matcher(new DeadlineCharSequence(span.text(), deadline));
                while (m.find()) {
                    if (m.end() > m.start()) {
                        matches.add(new SpanMatch(span.source(), m.start(), m.end(), CATEGORY));
                    }
                }
            }
        } catch (DeadlineCharSequence.DeadlineExceeded e) {
            return CheckResult.error(CATEGORY, start, "pattern ran past " + timeout.toMillis() + " ms");
        }
        return CheckResult.of(!matches.isEmpty(), CATEGORY, matches, start,
                matches.isEmpty() ? "pattern did not match" : "pattern matched " + matches.size() + " time(s)");
    }
}
