package io.turnpike.proxy.guardrails;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US Social Security numbers as {@code AAA-GG-SSSS} (hyphens or spaces, used consistently), or nine bare digits
 * when an SSN word precedes them. Valid per SSA rules: area not 000, 666 or 900–999; group not 00; serial not 0000;
 * and not one of the numbers published in advertising (078-05-1120, 219-09-9999).
 */
final class UsSsnDetector implements PiiDetector {
    private static final Pattern FORMATTED = Pattern.compile("(?<![\\d\\-./])(\\d{3})([- ])(\\d{2})\\2(\\d{4})(?![\\d\\-]|\\.\\d)");
    private static final Pattern BARE = Pattern.compile("(?<![\\d\\-./])(\\d{3})(\\d{2})(\\d{4})(?![\\d\\-]|\\.\\d)");
    private static final Pattern CONTEXT = Pattern.compile("(?i)\\b(ssn|social security|soc\\.? ?sec|taxpayer)");
    private static final Set<String> PUBLISHED = Set.of("078051120", "219099999");

    @Override
    public PiiCategory category() {
        return PiiCategory.US_SSN;
    }

    @Override
    public List<PiiDetection> find(PiiText text) {
        List<PiiDetection> found = new ArrayList<>();
        int[] runStarts = text.digitRunStarts();
        // Both shapes start a digit run (their look-behinds), with three digits and a separator, or nine digits.
        AnchoredMatcher formatted = new AnchoredMatcher(FORMATTED, text.text());
        Matcher m = formatted.matcher();
        for (int start : runStarts) {
            if (digitsAt(text, start, 3) && separatorAt(text, start + 3) && formatted.matchAt(start)
                    && valid(m.group(1), m.group(3), m.group(4))) {
                found.add(new PiiDetection(m.start(), m.end(), PiiCategory.US_SSN));
            }
        }
        AnchoredMatcher bareMatcher = new AnchoredMatcher(BARE, text.text());
        Matcher bare = bareMatcher.matcher();
        for (int start : runStarts) {
            if (digitsAt(text, start, 9) && bareMatcher.matchAt(start)
                    && TextBoundaries.precededBy(text.text(), bare.start(), 40, CONTEXT)
                    && valid(bare.group(1), bare.group(2), bare.group(3))) {
                found.add(new PiiDetection(bare.start(), bare.end(), PiiCategory.US_SSN));
            }
        }
        return found;
    }

    private static boolean digitsAt(PiiText text, int start, int count) {
        if (start + count > text.length()) {
            return false;
        }
        for (int i = start; i < start + count; i++) {
            if (!TextBoundaries.isAsciiDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean separatorAt(PiiText text, int index) {
        return index < text.length() && (text.charAt(index) == '-' || text.charAt(index) == ' ');
    }

    static boolean valid(String area, String group, String serial) {
        int a = Integer.parseInt(area);
        return a != 0 && a != 666 && a < 900
                && !group.equals("00")
                && !serial.equals("0000")
                && !PUBLISHED.contains(area + group + serial);
    }
}
