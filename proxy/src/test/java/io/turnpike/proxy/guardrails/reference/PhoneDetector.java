package io.turnpike.proxy.guardrails.reference;

import io.turnpike.proxy.guardrails.PiiCategory;
import io.turnpike.proxy.guardrails.PiiDetection;

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

    @Override
    public PiiCategory category() {
        return PiiCategory.PHONE;
    }

    @Override
    public List<PiiDetection> find(CharSequence text) {
        List<PiiDetection> found = new ArrayList<>();
        addAll(found, INTERNATIONAL.matcher(text), 0, 8, 15);
        addAll(found, NORTH_AMERICAN.matcher(text), 0, 10, 11);
        addAll(found, NATIONAL.matcher(text), 0, 10, 11);
        addAll(found, AFTER_PHONE_WORD.matcher(text), 1, 7, 15);
        return PiiDetectors.withoutOverlaps(found);
    }

    private static void addAll(List<PiiDetection> found, Matcher m, int group, int minDigits, int maxDigits) {
        while (m.find()) {
            int digits = TextBoundaries.digitsOf(m.group(group)).length();
            if (digits >= minDigits && digits <= maxDigits) {
                found.add(new PiiDetection(m.start(group), m.end(group), PiiCategory.PHONE));
            }
        }
    }
}
