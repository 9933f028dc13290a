package io.turnpike.proxy.guardrails.reference;

import io.turnpike.proxy.guardrails.PiiCategory;
import io.turnpike.proxy.guardrails.PiiDetection;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Credentials with a recognisable shape. Each is a whole token: no word character glued to either end. */
final class SecretDetectors {
    private SecretDetectors() {
    }

    /** A pattern is the whole test ({@code marker}: a substring every match has, a cheap pre-filter); {@code minDistinct} rejects placeholders such as {@code AIzaXXXXXXXX…}. */
    record Shaped(PiiCategory category, String marker, Pattern pattern, int minDistinct) implements PiiDetector {
        @Override
        public List<PiiDetection> find(CharSequence text) {
            List<PiiDetection> found = new ArrayList<>();
            if (!text.toString().contains(marker)) {
                return found;
            }
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                if (m.group().chars().distinct().count() >= minDistinct) {
                    found.add(new PiiDetection(m.start(), m.end(), category));
                }
            }
            return found;
        }
    }

    /** AWS access key ids: {@code AKIA} (long-term) or {@code ASIA} (temporary) and 16 base32 characters. */
    static final PiiDetector AWS_ACCESS_KEY_ID = new Shaped(PiiCategory.AWS_ACCESS_KEY_ID, "A",
            Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z2-7]{16}(?![A-Za-z0-9])"), 8);

    /** Google API keys: {@code AIza} and 35 URL-safe base64 characters. */
    static final PiiDetector GCP_API_KEY = new Shaped(PiiCategory.GCP_API_KEY, "AIza",
            Pattern.compile("(?<![A-Za-z0-9_\\-])AIza[0-9A-Za-z_\\-]{35}(?![A-Za-z0-9_\\-])"), 12);

    /** Anthropic keys: {@code sk-ant-<kind><2 digits>-} ({@code api03}, {@code admin01}, …) and 40+ token characters. */
    static final PiiDetector ANTHROPIC_API_KEY = new Shaped(PiiCategory.ANTHROPIC_API_KEY, "sk-ant-",
            Pattern.compile("(?<![A-Za-z0-9_\\-])sk-ant-[a-z]{3,8}\\d{2}-[A-Za-z0-9_\\-]{40,200}(?![A-Za-z0-9_\\-])"), 16);

    static final PiiDetector AWS_SECRET_ACCESS_KEY = new AwsSecretKey();
    static final PiiDetector PRIVATE_KEY = new PemPrivateKey();

    /**
     * AWS secret access keys: 40 base64 characters are everywhere (hashes, ids), so this needs an AWS or secret
     * word within 100 characters before, and upper case, lower case and a digit or {@code /+} inside — which keeps
     * out hex digests such as git SHAs.
     */
    static final class AwsSecretKey implements PiiDetector {
        private static final Pattern CANDIDATE = Pattern.compile("(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");
        private static final Pattern CONTEXT = Pattern.compile("(?i)(aws|secret|access.?key)");

        @Override
        public PiiCategory category() {
            return PiiCategory.AWS_SECRET_ACCESS_KEY;
        }

        @Override
        public List<PiiDetection> find(CharSequence text) {
            List<PiiDetection> found = new ArrayList<>();
            if (!CONTEXT.matcher(text).find()) {
                return found;
            }
            Matcher m = CANDIDATE.matcher(text);
            while (m.find()) {
                String candidate = m.group();
                boolean upper = candidate.chars().anyMatch(Character::isUpperCase);
                boolean lower = candidate.chars().anyMatch(Character::isLowerCase);
                boolean other = candidate.chars().anyMatch(c -> Character.isDigit(c) || c == '/' || c == '+');
                if (upper && lower && other && TextBoundaries.precededBy(text, m.start(), 100, CONTEXT)) {
                    found.add(new PiiDetection(m.start(), m.end(), category()));
                }
            }
            return found;
        }
    }

    /**
     * PEM private keys ({@code -----BEGIN [RSA |EC |OPENSSH |ENCRYPTED |PGP …]PRIVATE KEY[ BLOCK]-----}) with at least
     * 64 base64 characters of body; the span runs to the END line, or to the end of the base64 block when the key is
     * truncated (its last, shorter base64 line). A header with no body ("the file starts with -----BEGIN PRIVATE KEY-----") is not a key.
     */
    static final class PemPrivateKey implements PiiDetector {
        private static final Pattern HEADER = Pattern.compile("-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----");
        private static final int MIN_BODY = 64;

        @Override
        public PiiCategory category() {
            return PiiCategory.PRIVATE_KEY;
        }

        @Override
        public List<PiiDetection> find(CharSequence text) {
            List<PiiDetection> found = new ArrayList<>();
            if (!text.toString().contains("PRIVATE KEY")) {
                return found;
            }
            Matcher m = HEADER.matcher(text);
            int from = 0;
            while (from < text.length() && m.find(from)) {
                String footer = "-----END " + m.group(1) + "-----";
                int footerAt = indexOf(text, footer, m.end());
                int bodyEnd = footerAt >= 0 ? footerAt : endOfBase64Block(text, m.end());
                if (base64Count(text, m.end(), bodyEnd) >= MIN_BODY) {
                    int end = footerAt >= 0 ? footerAt + footer.length() : bodyEnd;
                    found.add(new PiiDetection(m.start(), end, category()));
                    from = end;
                } else {
                    from = m.end();
                }
            }
            return found;
        }

        private static int indexOf(CharSequence text, String needle, int from) {
            return text.toString().indexOf(needle, from);
        }

        /** The end of the lines after the header that are base64 or PEM headers (Proc-Type, DEK-Info, Comment). */
        private static int endOfBase64Block(CharSequence text, int from) {
            int end = from;
            int i = from;
            while (i < text.length()) {
                int lineEnd = i;
                while (lineEnd < text.length() && text.charAt(lineEnd) != '\n') {
                    lineEnd++;
                }
                String line = text.subSequence(i, lineEnd).toString().strip();
                boolean keyLine = line.isEmpty() || line.matches("[A-Za-z0-9+/=]+") || line.matches("(Proc-Type|DEK-Info|Comment): .*");
                if (!keyLine) {
                    break;
                }
                if (!line.isEmpty()) {
                    end = i + text.subSequence(i, lineEnd).toString().stripTrailing().length();
                }
                // PEM wraps base64 at 64 characters: a shorter base64 line is the last one.
                if (!line.isEmpty() && line.length() < 60 && !line.contains(":")) {
                    break;
                }
                i = lineEnd + 1;
            }
            return end;
        }

        private static int base64Count(CharSequence text, int from, int to) {
            int count = 0;
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (Character.isLetterOrDigit(c) || c == '+' || c == '/') {
                    count++;
                }
            }
            return count;
        }
    }
}
