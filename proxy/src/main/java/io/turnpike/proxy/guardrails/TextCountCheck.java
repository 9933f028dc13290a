package io.turnpike.proxy.guardrails;

import java.text.BreakIterator;
import java.util.List;
import java.util.Locale;

/**
 * {@code characterCount}, {@code wordCount}, {@code sentenceCount}: passes when the total over all texts lies in
 * {@code [min, max]} (either bound may be absent). Characters are Unicode code points; words are runs of letters and
 * digits (with inner apostrophes or hyphens); sentences come from the JDK's sentence {@link BreakIterator}.
 */
public record TextCountCheck(Unit unit, Long min, Long max) implements GuardrailCheck {
    private static final int LETTERS_AND_NUMBERS = 1 << Character.UPPERCASE_LETTER | 1 << Character.LOWERCASE_LETTER
            | 1 << Character.TITLECASE_LETTER | 1 << Character.MODIFIER_LETTER | 1 << Character.OTHER_LETTER
            | 1 << Character.DECIMAL_DIGIT_NUMBER | 1 << Character.LETTER_NUMBER | 1 << Character.OTHER_NUMBER;

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

    /**
     * The number of {@code [\\p{L}\\p{N}]+(?:['’\\-][\\p{L}\\p{N}]+)*} matches, counted in one pass without the
     * regex: a word is a run of letters and digits, continued by an apostrophe or hyphen followed by another run.
     */
    static long words(String text) {
        long count = 0;
        int i = 0;
        int length = text.length();
        while (i < length) {
            int cp = text.codePointAt(i);
            if (!isLetterOrNumber(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            count++;
            i = endOfRun(text, i);
            while (i + 1 < length && isJoiner(text.charAt(i)) && isLetterOrNumber(text.codePointAt(i + 1))) {
                i = endOfRun(text, i + 1);
            }
        }
        return count;
    }

    private static int endOfRun(String text, int from) {
        int i = from;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!isLetterOrNumber(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    private static boolean isJoiner(char c) {
        return c == '\'' || c == '’' || c == '-';
    }

    /** {@code [\\p{L}\\p{N}]}; ASCII answered without the Unicode tables. */
    private static boolean isLetterOrNumber(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
        }
        return ((LETTERS_AND_NUMBERS >> Character.getType(cp)) & 1) != 0;
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
