package io.turnpike.proxy.guardrails;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The prompt-injection heuristics. Each catches a known, phrase-level pattern; none understands intent, so
 * paraphrases and other languages get through, and discussions <em>about</em> injection trip them. The phrase rules
 * run on the text with invisible format characters removed, so {@code ig\u200Bnore} still reads as {@code ignore}.
 * <ul>
 *   <li>{@code ignore_previous_instructions} — "ignore / disregard / forget / override (all|any|the|your) previous
 *       (prior, above, earlier) instructions (prompts, rules, context)".</li>
 *   <li>{@code role_override} — "you are now", "from now on you are / will act as", "pretend to be", "act as if you
 *       were" followed within 60 characters by an unrestricted persona (DAN, unfiltered, uncensored, jailbroken,
 *       without restrictions, no rules, developer mode, evil).</li>
 *   <li>{@code system_prompt_exfiltration} — reveal / print / show / repeat / output / leak / dump (or "what is")
 *       your system prompt, system message, initial / hidden / original instructions; "repeat everything above".</li>
 *   <li>{@code jailbreak_marker} — named jailbreak personas and switches: "DAN mode", "do anything now", "developer
 *       mode enabled", "jailbreak mode", "AIM mode", "STAN mode".</li>
 *   <li>{@code chat_template_tokens} — other models' role delimiters pasted into text: {@code <|im_start|>},
 *       {@code <|im_end|>}, {@code <|system|>}, {@code <|endoftext|>}, {@code [INST]}, {@code <<SYS>>},
 *       {@code <system>…</system>} tags.</li>
 *   <li>{@code encoded_instructions} — a base64 run of 24+ characters that decodes to printable text matching one of
 *       the phrase rules above or naming instructions / the system prompt.</li>
 *   <li>{@code invisible_characters} — Unicode tag characters (U+E0000–E007F, "ASCII smuggling"), bidirectional
 *       overrides and isolates (U+202A–202E, U+2066–2069), and zero-width characters (U+200B–200D, U+2060, a
 *       non-leading U+FEFF) between letters — not zero-width joiners inside emoji sequences.</li>
 *   <li>{@code mixed_script_words} — a word mixing Latin with Cyrillic or Greek letters ({@code ignоre} with a
 *       Cyrillic о), the usual homoglyph disguise.</li>
 * </ul>
 */
public enum PromptInjectionRule {
    IGNORE_PREVIOUS_INSTRUCTIONS(Pattern.compile(
            "(?i)\\b(?:ignore|disregard|forget|override|skip)\\s+(?:(?:all|any|the|your|my|of|these|those)\\s+)*"
                    + "(?:previous|prior|above|earlier|preceding|former|original)\\s+"
                    + "(?:instructions?|prompts?|rules|directions|directives|guidelines|context|messages?)"),
            List.of("ignore", "disregard", "forget", "override", "skip")),
    ROLE_OVERRIDE(Pattern.compile(
            "(?i)\\b(?:you are now|from now on,? you (?:are|will be|will act as)|pretend (?:to be|you are)|"
                    + "act as if you (?:are|were))\\b[^.\\n]{0,60}?\\b(?:DAN|unfiltered|uncensored|unrestricted|"
                    + "jailbroken|without (?:any )?(?:restrictions|limits|rules|filters|guidelines)|"
                    + "no (?:restrictions|limits|rules|filters|guidelines)|developer mode|evil)\\b"),
            List.of("you", "from", "pretend", "act")),
    SYSTEM_PROMPT_EXFILTRATION(Pattern.compile(
            "(?i)\\b(?:reveal|print|show|repeat|output|display|tell me|leak|dump|give me|what (?:is|are|was|were))"
                    + "\\b[^.\\n]{0,40}?\\b(?:your|the)\\s+(?:system prompt|system message|initial instructions|"
                    + "hidden instructions|original instructions|secret instructions|pre-?prompt)"
                    + "|\\brepeat (?:everything|all|the text|the words) above\\b"),
            List.of("reveal", "print", "show", "repeat", "output", "display", "tell", "leak", "dump", "give", "what")),
    JAILBREAK_MARKER(Pattern.compile(
            "(?i)\\b(?:DAN mode|do anything now|developer mode (?:enabled|on|activated)|jailbreak mode|"
                    + "AIM mode|STAN mode)\\b"),
            List.of("dan", "do", "developer", "jailbreak", "aim", "stan")),
    CHAT_TEMPLATE_TOKENS(Pattern.compile(
            "<\\|(?:im_start|im_end|system|endoftext|eot_id|start_header_id)\\|>|\\[/?INST\\]|<</?SYS>>|</?system>"),
            List.of()),
    ENCODED_INSTRUCTIONS(Pattern.compile("(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{24,}={0,2}(?![A-Za-z0-9+/=])"), List.of()),
    INVISIBLE_CHARACTERS(null, List.of()),
    MIXED_SCRIPT_WORDS(Pattern.compile("[\\p{L}\\p{M}]{2,}"), List.of());

    private static final int LETTERS_AND_MARKS = 1 << Character.UPPERCASE_LETTER | 1 << Character.LOWERCASE_LETTER
            | 1 << Character.TITLECASE_LETTER | 1 << Character.MODIFIER_LETTER | 1 << Character.OTHER_LETTER
            | 1 << Character.NON_SPACING_MARK | 1 << Character.ENCLOSING_MARK | 1 << Character.COMBINING_SPACING_MARK;

    private static final Pattern INSTRUCTION_WORDS = Pattern.compile(
            "(?i)\\b(?:instructions?|system prompt|disregard|jailbreak)\\b");

    /**
     * The first words of the phrase rules, tagged with the rules they start: every phrase pattern begins with
     * {@code \\b}, one of these words (case-insensitive ASCII) and a space or {@code \\b}, so it runs only there.
     */
    private static final AnchorWords PHRASE_STARTS;

    static {
        Map<String, Integer> tags = new HashMap<>();
        for (PromptInjectionRule rule : values()) {
            rule.firstWords.forEach(word -> tags.merge(word, 1 << rule.ordinal(), (a, b) -> a | b));
        }
        PHRASE_STARTS = new AnchorWords(tags);
    }

    /**
     * The built-in patterns run on the plain text, without the deadline {@link RegexMatchCheck} puts on user
     * patterns: each runs only at candidate positions, and no pattern nests unbounded quantifiers, so an attempt
     * costs at most its bounded window (the base64 run is consumed once, from its start).
     */
    private final Pattern pattern;
    private final List<String> firstWords;

    PromptInjectionRule(Pattern pattern, List<String> firstWords) {
        this.pattern = pattern;
        this.firstWords = firstWords;
    }

    /** {@code ignore_previous_instructions}, …: the rule id in configurations and match categories. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PromptInjectionRule parse(String id) {
        for (PromptInjectionRule rule : values()) {
            if (rule.id().equals(id)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown prompt-injection rule \"" + id + "\"");
    }

    /** [start, end) pairs in {@code original}; {@code visible} is {@code original} without format characters. */
    List<int[]> find(String original, VisibleText visible) {
        List<int[]> found = new ArrayList<>();
        switch (this) {
            case INVISIBLE_CHARACTERS -> findInvisible(original, found);
            case MIXED_SCRIPT_WORDS -> findMixedScripts(visible, found);
            case ENCODED_INSTRUCTIONS -> findEncoded(visible, found);
            case CHAT_TEMPLATE_TOKENS -> {
                // Every token starts with '<' or '['.
                String text = visible.text();
                AnchoredMatcher anchored = new AnchoredMatcher(pattern, text);
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if ((c == '<' || c == '[') && anchored.matchAt(i)) {
                        found.add(visible.originalRange(anchored.matcher().start(), anchored.matcher().end()));
                    }
                }
            }
            default -> {
                AnchoredMatcher anchored = new AnchoredMatcher(pattern, visible.text());
                int tag = 1 << ordinal();
                PHRASE_STARTS.forEachStart(visible.text(), (start, tags) -> {
                    if ((tags & tag) != 0 && anchored.matchAt(start)) {
                        found.add(visible.originalRange(anchored.matcher().start(), anchored.matcher().end()));
                    }
                });
            }
        }
        return found;
    }

    /** Runs of the base64 alphabet of 24 or more; the pattern (and the decoding) only from each run's start. */
    private void findEncoded(VisibleText visible, List<int[]> found) {
        String text = visible.text();
        AnchoredMatcher anchored = new AnchoredMatcher(pattern, text);
        int i = 0;
        while (i < text.length()) {
            if (!isBase64(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && isBase64(text.charAt(i))) {
                i++;
            }
            if (i - start >= 24 && anchored.matchAt(start) && decodesToInstructions(anchored.matcher().group())) {
                found.add(visible.originalRange(anchored.matcher().start(), anchored.matcher().end()));
            }
        }
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    /**
     * A word mixing Latin with Cyrillic or Greek holds a letter or mark at U+0370 or above (where Greek and Cyrillic
     * begin), so the word pattern runs only from the start of the word around each such character.
     */
    private void findMixedScripts(VisibleText visible, List<int[]> found) {
        String text = visible.text();
        AnchoredMatcher anchored = new AnchoredMatcher(pattern, text);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < 0x370 || i < anchored.searchFrom()) {
                continue;
            }
            int cp = text.codePointAt(i);
            if (!isLetterOrMark(cp)) {
                continue;
            }
            int start = i;
            while (start > 0 && isLetterOrMark(text.codePointBefore(start))) {
                start -= Character.charCount(text.codePointBefore(start));
            }
            if (anchored.matchAt(start) && mixesScripts(anchored.matcher().group())) {
                found.add(visible.originalRange(anchored.matcher().start(), anchored.matcher().end()));
            }
        }
    }

    /** {@code [\\p{L}\\p{M}]}. */
    private static boolean isLetterOrMark(int cp) {
        return ((LETTERS_AND_MARKS >> Character.getType(cp)) & 1) != 0;
    }


    private static boolean decodesToInstructions(String candidate) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(padded(candidate));
        } catch (IllegalArgumentException e) {
            return false;
        }
        String decoded = new String(bytes, StandardCharsets.UTF_8);
        long printable = decoded.chars().filter(c -> c >= 0x20 && c < 0x7F || c == '\n' || c == '\t').count();
        if (decoded.isEmpty() || printable < decoded.length() * 0.9) {
            return false;
        }
        return INSTRUCTION_WORDS.matcher(decoded).find()
                || IGNORE_PREVIOUS_INSTRUCTIONS.pattern.matcher(decoded).find()
                || ROLE_OVERRIDE.pattern.matcher(decoded).find()
                || SYSTEM_PROMPT_EXFILTRATION.pattern.matcher(decoded).find();
    }

    private static String padded(String base64) {
        String trimmed = base64.replace("=", "");
        int remainder = trimmed.length() % 4;
        return remainder == 0 ? trimmed : remainder == 1 ? trimmed.substring(0, trimmed.length() - 1)
                : trimmed + "=".repeat(4 - remainder);
    }

    private static void findInvisible(String text, List<int[]> found) {
        for (int i = 0; i < text.length(); ) {
            if (text.charAt(i) < 0x200B) {
                i++; // below every character this rule flags, and never half of a surrogate pair
                continue;
            }
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            boolean tag = cp >= 0xE0000 && cp <= 0xE007F;
            boolean bidi = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
            boolean zeroWidth = (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp == 0xFEFF && i > 0);
            if (tag || bidi || (zeroWidth && betweenLetters(text, i, width))) {
                found.add(new int[] {i, i + width});
            }
            i += width;
        }
    }

    private static boolean betweenLetters(String text, int index, int width) {
        return index > 0 && index + width < text.length()
                && Character.isLetter(text.charAt(index - 1)) && Character.isLetter(text.charAt(index + width));
    }

    private static boolean mixesScripts(String word) {
        boolean latin = false;
        boolean other = false;
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            latin |= script == Character.UnicodeScript.LATIN;
            other |= script == Character.UnicodeScript.CYRILLIC || script == Character.UnicodeScript.GREEK;
            i += Character.charCount(cp);
        }
        return latin && other;
    }

    /**
     * A text with format characters (Unicode category Cf) removed, and the way back to the original offsets. Most
     * texts have none: then the text is the original and the mapping the identity, without copying.
     */
    static final class VisibleText {
        private final String text;
        private final int[] originalIndex;

        private VisibleText(String text, int[] originalIndex) {
            this.text = text;
            this.originalIndex = originalIndex;
        }

        static VisibleText of(String original) {
            if (!mayHoldFormatCharacters(original)) {
                return new VisibleText(original, null);
            }
            StringBuilder visible = new StringBuilder(original.length());
            int[] index = new int[original.length() + 1];
            int n = 0;
            for (int i = 0; i < original.length(); ) {
                int cp = original.codePointAt(i);
                int width = Character.charCount(cp);
                if (Character.getType(cp) != Character.FORMAT) {
                    for (int k = 0; k < width; k++) {
                        visible.append(original.charAt(i + k));
                        index[n++] = i + k;
                    }
                }
                i += width;
            }
            index[n] = original.length();
            return new VisibleText(visible.toString(), index);
        }

        /** False only when no character is a format character or a surrogate (a supplementary one may be Cf). */
        private static boolean mayHoldFormatCharacters(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= 0x80 && (Character.isSurrogate(c) || Character.getType(c) == Character.FORMAT)) {
                    return true;
                }
            }
            return false;
        }

        String text() {
            return text;
        }

        int[] originalRange(int start, int end) {
            return originalIndex == null ? new int[] {start, end}
                    : new int[] {originalIndex[start], originalIndex[end - 1] + 1};
        }
    }
}
