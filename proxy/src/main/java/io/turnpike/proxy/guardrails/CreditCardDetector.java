package io.turnpike.proxy.guardrails;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13–19 digits, optionally grouped by single spaces or hyphens, that pass the Luhn check and
 * start with a Visa, Mastercard, American Express or Discover issuer prefix with a length that network issues.
 */
final class CreditCardDetector implements PiiDetector {
    private static final Pattern CANDIDATE = Pattern.compile("(?<![\\d\\-.])\\d(?:[ \\-]?\\d){12,18}(?![\\d\\-]?\\d)(?!\\.\\d)");

    @Override
    public PiiCategory category() {
        return PiiCategory.CREDIT_CARD;
    }

    @Override
    public List<PiiDetection> find(PiiText text) {
        List<PiiDetection> found = new ArrayList<>();
        AnchoredMatcher anchored = new AnchoredMatcher(CANDIDATE, text.text());
        Matcher m = anchored.matcher();
        // A match starts a digit run (the look-behind) and needs 13 digits before the regex is worth running.
        for (int start : text.digitRunStarts()) {
            if (!holdsDigits(text, start, 13) || !anchored.matchAt(start)) {
                continue;
            }
            String digits = TextBoundaries.digitsOf(m.group());
            if (consistentSeparators(m.group()) && knownIssuer(digits) && luhnValid(digits)) {
                found.add(new PiiDetection(m.start(), m.end(), PiiCategory.CREDIT_CARD));
            }
        }
        return found;
    }

    /** At least {@code minDigits} digits from {@code start}, with at most one space or hyphen between two of them. */
    private static boolean holdsDigits(PiiText text, int start, int minDigits) {
        int digits = 1;
        int i = start + 1;
        while (digits < minDigits && i < text.length()) {
            char c = text.charAt(i);
            if (TextBoundaries.isAsciiDigit(c)) {
                digits++;
                i++;
            } else if ((c == ' ' || c == '-') && i + 1 < text.length() && TextBoundaries.isAsciiDigit(text.charAt(i + 1))) {
                digits++;
                i += 2;
            } else {
                break;
            }
        }
        return digits >= minDigits;
    }

    /** "4111 1111-1111 1111" is not how anyone writes a card number; mixing separators is more often a list. */
    private static boolean consistentSeparators(String candidate) {
        return !(candidate.indexOf(' ') >= 0 && candidate.indexOf('-') >= 0);
    }

    static boolean knownIssuer(String digits) {
        int length = digits.length();
        int two = Integer.parseInt(digits.substring(0, 2));
        int three = Integer.parseInt(digits.substring(0, 3));
        int four = Integer.parseInt(digits.substring(0, 4));
        int six = Integer.parseInt(digits.substring(0, 6));
        if (digits.charAt(0) == '4') {
            return length == 13 || length == 16 || length == 19;
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return length == 16;
        }
        if (two == 34 || two == 37) {
            return length == 15;
        }
        if (four == 6011 || (three >= 644 && three <= 649) || two == 65 || (six >= 622126 && six <= 622925)) {
            return length >= 16 && length <= 19;
        }
        return false;
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
