package io.turnpike.proxy.guardrails;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers, in four shapes, each bounded by digit count so dates, versions and order numbers stay out:
 * <ul>
 *   <li>international: {@code +} country code and groups, 8–15 digits (E.164's maximum);</li>
 *   <li>North American: {@code (NXX) NXX-XXXX}, {@code NXX-NXX-XXXX}, {@code NXX.NXX.XXXX}, optionally {@code 1-}
 *       first, where N is 2–9;</li>
 *   <li>national with a trunk 0 and grouping ({@code 020 7946 0958}, {@code 01 23 45 67 89}, {@code 030-1234567}), 10–11 digits;</li>
 *   <li>any run of 7–15 digits with separators right after a phone word ({@code call}, {@code tel}, {@code mobile}).</li>
 * </ul>
 */
final class PhoneDetector implements PiiDetector {
    private static final String END = "(?![\\w\\-]|[.,]\\d)";
    private static final Pattern INTERNATIONAL = Pattern.compile(
            "(?<![\\w+])\\+[1-9]\\d{0,2}(?:[ .\\-]?\\(?\\d{1,4}\\)?){2,6}" + END);
    private static final Pattern NORTH_AMERICAN = Pattern.compile(
            "(?<![\\w+\\-.])(?:1[ .\\-])?(?:\\(([2-9]\\d{2})\\) ?|([2-9]\\d{2})[ .\\-])[2-9]\\d{2}[ .\\-]\\d{4}" + END);
    private static final Pattern NATIONAL = Pattern.compile(
            "(?<![\\w+\\-.])0\\d{1,4}(?:[ \\-]\\d{2,8}){1,4}" + END);
    private static final Pattern AFTER_PHONE_WORD = Pattern.compile(
            "(?i)\\b(?:phone|tel|telephone|mobile|cell|call|fax|whatsapp|sms)\\b[^\\d\\n+]{0,15}(\\+?\\d[\\d ().\\-]{5,20}\\d)" + END);
    /** The first words of {@link #AFTER_PHONE_WORD}, to find where it can start. */
    private static final AnchorWords PHONE_WORDS = new AnchorWords(
            List.of("phone", "tel", "telephone", "mobile", "cell", "call", "fax", "whatsapp", "sms"));

    @Override
    public PiiCategory category() {
        return PiiCategory.PHONE;
    }

    @Override
    public List<PiiDetection> find(PiiText text) {
        List<PiiDetection> found = new ArrayList<>();
        String string = text.text();
        AnchoredMatcher international = new AnchoredMatcher(INTERNATIONAL, string);
        for (int plus = string.indexOf('+'); plus >= 0; plus = string.indexOf('+', plus + 1)) {
            if (plus + 1 < string.length() && string.charAt(plus + 1) >= '1' && string.charAt(plus + 1) <= '9'
                    && international.matchAt(plus)) {
                add(found, international.matcher(), 0, 8, 15);
            }
        }
        // North American and national numbers start a digit run (their look-behinds exclude a digit before),
        // the North American one possibly with "(" just before the run.
        AnchoredMatcher northAmerican = new AnchoredMatcher(NORTH_AMERICAN, string);
        for (int run : text.digitRunStarts()) {
            for (int start = run > 0 && string.charAt(run - 1) == '(' ? run - 1 : run; start <= run; start++) {
                if (northAmericanCandidate(text, start) && northAmerican.matchAt(start)) {
                    add(found, northAmerican.matcher(), 0, 10, 11);
                }
            }
        }
        AnchoredMatcher national = new AnchoredMatcher(NATIONAL, string);
        for (int run : text.digitRunStarts()) {
            if (string.charAt(run) == '0' && run + 1 < string.length() && TextBoundaries.isAsciiDigit(string.charAt(run + 1))
                    && national.matchAt(run)) {
                add(found, national.matcher(), 0, 10, 11);
            }
        }
        AnchoredMatcher afterPhoneWord = new AnchoredMatcher(AFTER_PHONE_WORD, string);
        PHONE_WORDS.forEachStart(string, (start, tags) -> {
            if (afterPhoneWord.matchAt(start)) {
                add(found, afterPhoneWord.matcher(), 1, 7, 15);
            }
        });
        return PiiDetectors.withoutOverlaps(found);
    }

    private static void add(List<PiiDetection> found, Matcher m, int group, int minDigits, int maxDigits) {
        int digits = TextBoundaries.digitsOf(m.group(group)).length();
        if (digits >= minDigits && digits <= maxDigits) {
            found.add(new PiiDetection(m.start(group), m.end(group), PiiCategory.PHONE));
        }
    }

    /**
     * {@code 1}–{@code 9} or {@code (}, not after a word character, {@code +}, {@code -} or {@code .} (the
     * look-behind), and at least ten digits in the 16 characters a match spans at most.
     */
    private static boolean northAmericanCandidate(PiiText text, int start) {
        char c = text.charAt(start);
        if ((c != '(' && (c < '1' || c > '9')) || (start > 0 && joinsNumber(text.charAt(start - 1)))) {
            return false;
        }
        int digits = 0;
        for (int i = start; i < Math.min(text.length(), start + 16); i++) {
            digits += TextBoundaries.isAsciiDigit(text.charAt(i)) ? 1 : 0;
        }
        return digits >= 10;
    }

    /** {@code [\w+\-.]} ({@code \w} is ASCII). */
    private static boolean joinsNumber(char c) {
        return TextBoundaries.isAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
                || c == '+' || c == '-' || c == '.';
    }
}
