package io.turnpike.proxy.guardrails;

/** Small helpers the detectors share for "is this candidate a whole token". */
final class TextBoundaries {
    private TextBoundaries() {
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** {@code \d} without {@code UNICODE_CHARACTER_CLASS}. */
    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static char before(CharSequence text, int index) {
        return index > 0 ? text.charAt(index - 1) : ' ';
    }

    static char at(CharSequence text, int index) {
        return index < text.length() ? text.charAt(index) : ' ';
    }

    static String digitsOf(CharSequence text) {
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    /** True when {@code context} (lowercase alternatives) appears within {@code window} chars before {@code index}. */
    static boolean precededBy(CharSequence text, int index, int window, java.util.regex.Pattern context) {
        int from = Math.max(0, index - window);
        return context.matcher(text.subSequence(from, index)).find();
    }
}
