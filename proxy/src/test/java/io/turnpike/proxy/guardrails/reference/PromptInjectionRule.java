package io.turnpike.proxy.guardrails.reference;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
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
                    + "(?:instructions?|prompts?|rules|directions|directives|guidelines|context|messages?)")),
    ROLE_OVERRIDE(Pattern.compile(
            "(?i)\\b(?:you are now|from now on,? you (?:are|will be|will act as)|pretend (?:to be|you are)|"
                    + "act as if you (?:are|were))\\b[^.\\n]{0,60}?\\b(?:DAN|unfiltered|uncensored|unrestricted|"
                    + "jailbroken|without (?:any )?(?:restrictions|limits|rules|filters|guidelines)|"
                    + "no (?:restrictions|limits|rules|filters|guidelines)|developer mode|evil)\\b")),
    SYSTEM_PROMPT_EXFILTRATION(Pattern.compile(
            "(?i)\\b(?:reveal|print|show|repeat|output|display|tell me|leak|dump|give me|what (?:is|are|was|were))"
                    + "\\b[^.\\n]{0,40}?\\b(?:your|the)\\s+(?:system prompt|system message|initial instructions|"
                    + "hidden instructions|original instructions|secret instructions|pre-?prompt)"
                    + "|\\brepeat (?:everything|all|the text|the words) above\\b")),
    JAILBREAK_MARKER(Pattern.compile(
            "(?i)\\b(?:DAN mode|do anything now|developer mode (?:enabled|on|activated)|jailbreak mode|"
                    + "AIM mode|STAN mode)\\b")),
    CHAT_TEMPLATE_TOKENS(Pattern.compile(
            "<\\|(?:im_start|im_end|system|endoftext|eot_id|start_header_id)\\|>|\\[/?INST\\]|<</?SYS>>|</?system>")),
    ENCODED_INSTRUCTIONS(Pattern.compile("(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{24,}={0,2}(?![A-Za-z0-9+/=])")),
    INVISIBLE_CHARACTERS(null),
    MIXED_SCRIPT_WORDS(Pattern.compile("[\\p{L}\\p{M}]{2,}"));

    private static final Pattern INSTRUCTION_WORDS = Pattern.compile(
            "(?i)\\b(?:instructions?|system prompt|disregard|jailbreak)\\b");

    private final Pattern pattern;

    PromptInjectionRule(Pattern pattern) {
        this.pattern = pattern;
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
    public List<int[]> find(String original, VisibleText visible) {
        List<int[]> found = new ArrayList<>();
        switch (this) {
            case INVISIBLE_CHARACTERS -> findInvisible(original, found);
            case MIXED_SCRIPT_WORDS -> {
                Matcher m = pattern.matcher(visible.text());
                while (m.find()) {
                    if (mixesScripts(m.group())) {
                        found.add(visible.originalRange(m.start(), m.end()));
                    }
                }
            }
            case ENCODED_INSTRUCTIONS -> {
                Matcher m = pattern.matcher(visible.text());
                while (m.find()) {
                    if (decodesToInstructions(m.group())) {
                        found.add(visible.originalRange(m.start(), m.end()));
                    }
                }
            }
            default -> {
                Matcher m = pattern.matcher(visible.text());
                while (m.find()) {
                    found.add(visible.originalRange(m.start(), m.end()));
                }
            }
        }
        return found;
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

    /** A text with format characters (Unicode category Cf) removed, and the way back to the original offsets. */
    public record VisibleText(String text, int[] originalIndex, int originalLength) {
        public static VisibleText of(String original) {
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
            return new VisibleText(visible.toString(), index, original.length());
        }

        int[] originalRange(int start, int end) {
            return new int[] {originalIndex[start], originalIndex[end - 1] + 1};
        }
    }
}
