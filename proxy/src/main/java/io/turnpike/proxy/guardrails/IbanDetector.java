package io.turnpike.proxy.guardrails;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * IBANs, printed compactly or in groups of four: country code, two check digits, then exactly as many characters as
 * that country's IBAN has (the SWIFT registry's lengths), validated with ISO 7064 mod-97.
 */
final class IbanDetector implements PiiDetector {
    /** Total IBAN length per country (IBAN registry). */
    static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
            Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BR", 29),
            Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24),
            Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("DO", 28), Map.entry("EE", 20), Map.entry("EG", 29),
            Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22),
            Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28),
            Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23),
            Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20),
            Map.entry("LB", 28), Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20),
            Map.entry("LV", 21), Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19),
            Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NL", 18), Map.entry("NO", 15),
            Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29),
            Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SE", 24),
            Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("ST", 25), Map.entry("SV", 28),
            Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22),
            Map.entry("VG", 24), Map.entry("XK", 20));

    @Override
    public PiiCategory category() {
        return PiiCategory.IBAN;
    }

    @Override
    public List<PiiDetection> find(PiiText text) {
        List<PiiDetection> found = new ArrayList<>();
        int resumeAt = 0;
        // The check digits after the two-letter country code start a digit run, so the candidates are run starts - 2.
        for (int digits : text.digitRunStarts()) {
            int start = digits - 2;
            if (start < resumeAt || !startsIban(text, start)) {
                continue;
            }
            Integer length = LENGTHS.get(text.text().substring(start, start + 2));
            int end = length == null ? -1 : endOfIban(text.text(), start, length);
            if (end > 0 && mod97(compact(text.text(), start, end)) == 1) {
                found.add(new PiiDetection(start, end, PiiCategory.IBAN));
                resumeAt = end;
            }
        }
        return found;
    }

    /** {@code (?<![A-Za-z0-9])[A-Z]{2}\d{2}} at {@code start}: a country code and check digits, not inside a word. */
    private static boolean startsIban(PiiText text, int start) {
        return start >= 0 && start + 4 <= text.length()
                && isUpper(text.charAt(start)) && isUpper(text.charAt(start + 1))
                && TextBoundaries.isAsciiDigit(text.charAt(start + 2)) && TextBoundaries.isAsciiDigit(text.charAt(start + 3))
                && (start == 0 || !isAsciiLetterOrDigit(text.charAt(start - 1)));
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isUpper(c) || TextBoundaries.isAsciiDigit(c) || (c >= 'a' && c <= 'z');
    }

    /** Collects {@code length} alphanumerics from {@code start}, allowing one space between them; -1 if it cannot. */
    private static int endOfIban(CharSequence text, int start, int length) {
        int collected = 0;
        int i = start;
        while (collected < length) {
            if (i >= text.length()) {
                return -1;
            }
            char c = text.charAt(i);
            if (c == ' ' && collected > 0 && i + 1 < text.length() && isIbanChar(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (!isIbanChar(c)) {
                return -1;
            }
            collected++;
            i++;
        }
        return TextBoundaries.isWordChar(TextBoundaries.at(text, i)) ? -1 : i;
    }

    private static boolean isIbanChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    }

    private static String compact(CharSequence text, int start, int end) {
        StringBuilder out = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            if (text.charAt(i) != ' ') {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }

    /** ISO 7064 mod 97-10 over the IBAN rearranged (first four characters moved to the end, letters as 10–35). */
    static int mod97(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
        }
        return remainder;
    }
}
