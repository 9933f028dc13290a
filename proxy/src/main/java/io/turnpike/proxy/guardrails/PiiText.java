package io.turnpike.proxy.guardrails;

import java.util.Arrays;

/**
 * A text being scanned for PII, with the candidate positions several detectors share, found in one pass: most
 * detections (cards, SSNs, IPv4, phone numbers, IBAN check digits) begin at or just before the start of a run of
 * ASCII digits, so those detectors visit the run starts instead of every character.
 */
final class PiiText {
    private final String text;
    private int[] digitRunStarts;

    PiiText(CharSequence text) {
        this.text = text.toString();
    }

    String text() {
        return text;
    }

    int length() {
        return text.length();
    }

    char charAt(int index) {
        return text.charAt(index);
    }

    /** Indexes of ASCII digits not preceded by one, ascending. */
    int[] digitRunStarts() {
        if (digitRunStarts == null) {
            int[] starts = new int[16];
            int count = 0;
            boolean previousDigit = false;
            for (int i = 0; i < text.length(); i++) {
                boolean digit = TextBoundaries.isAsciiDigit(text.charAt(i));
                if (digit && !previousDigit) {
                    if (count == starts.length) {
                        starts = Arrays.copyOf(starts, count * 2);
                    }
                    starts[count++] = i;
                }
                previousDigit = digit;
            }
            digitRunStarts = Arrays.copyOf(starts, count);
        }
        return digitRunStarts;
    }
}
