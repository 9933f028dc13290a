package io.turnpike.proxy.guardrails;

import java.text.BreakIterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code characterCount}, {@code wordCount}, {@code sentenceCount}: passes when the total over all texts lies in
 * {@code [min, max]} (either bound may be absent). Characters are Unicode code points; words are runs of letters and
 * digits (with inner apostrophes or hyphens); sentences come from the JDK's sentence {@link BreakIterator}.
 */
public record TextCountCheck(Unit unit, Long min, Long max) implements GuardrailCheck {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’\\-][\\p{L}\\p{N}]+)*");

    public enum Unit {
        CHARACTERS("characterCount"), WORDS("wordCount"), SENTENCES("sentenceCount");

        private final String type;

        Unit(String type) {
            this.type = type;
        }

        public String type() {
            return type;
        }

        long count(String text) {
            return switch (this) {
                case CHARACTERS -> text.codePointCount(0, text.length());
                case WORDS -> words(text);
                case SENTENCES -> sentences(text);
            };
        }
    }

    public TextCountCheck {
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("min " + min + " is above max " + max);
        }
    }

    @Override
    public String type() {
        return unit.type();
    }

    @Override
    public CheckResult evaluate(GuardrailInput input) {
        long start = System.nanoTime();
        long total = 0;
        for (TextSpan span : input.spans()) {
            total += unit.count(span.text());
        }
        boolean pass = (min == null || total >= min) && (max == null || total <= max);
        String what = unit.name().toLowerCase(Locale.ROOT);
        return CheckResult.of(pass, unit.type(), List.of(), start,
                total + " " + what + (pass ? " within " : " outside ") + "[" + (min == null ? "" : min) + ", "
                        + (max == null ? "" : max) + "]");
    }

    static long words(String text) {
        Matcher m = WORD.matcher(text);
        long count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    static long sentences(String text) {
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(text);
        long count = 0;
        int start = sentences.first();
        for (int end = sentences.next(); end != BreakIterator.DONE; start = end, end = sentences.next()) {
            if (!text.substring(start, end).isBlank()) {
                count++;
            }
        }
        return count;
    }
}
