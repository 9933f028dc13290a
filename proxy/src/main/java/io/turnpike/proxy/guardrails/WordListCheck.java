package io.turnpike.proxy.guardrails;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code wordList} (Portkey: {@code contains}): passes when {@code mode} of the words or phrases occur — any, all,
 * or none. Whole-word matching (default on) needs a non-letter, non-digit on both sides, so "ass" does not match
 * "class". Found occurrences are reported whatever the verdict.
 */
public final class WordListCheck implements GuardrailCheck {
    public static final String TYPE = "wordList";
    static final String CATEGORY = "word_list";

    private final List<String> words;
    private final MatchMode mode;
    private final boolean caseInsensitive;
    private final boolean wholeWord;
    private final List<Pattern> patterns;

    public WordListCheck(List<String> words, MatchMode mode, boolean caseInsensitive, boolean wholeWord) {
        this.words = List.copyOf(words);
        if (this.words.isEmpty()) {
            throw new IllegalArgumentException("words must not be empty");
        }
        this.mode = mode;
        this.caseInsensitive = caseInsensitive;
        this.wholeWord = wholeWord;
        int flags = caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        List<Pattern> compiled = new ArrayList<>(this.words.size());
        for (String word : this.words) {
            String quoted = Pattern.quote(word);
            compiled.add(Pattern.compile(wholeWord ? "(?<![\\p{L}\\p{N}_])" + quoted + "(?![\\p{L}\\p{N}_])" : quoted, flags));
        }
        this.patterns = List.copyOf(compiled);
    }

    public List<String> words() {
        return words;
    }

    public MatchMode mode() {
        return mode;
    }

    public boolean caseInsensitive() {
        return caseInsensitive;
    }

    public boolean wholeWord() {
        return wholeWord;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CheckResult evaluate(GuardrailInput input) {
        long start = System.nanoTime();
        List<SpanMatch> matches = new ArrayList<>();
        int present = 0;
        for (int w = 0; w < words.size(); w++) {
            int before = matches.size();
            for (TextSpan span : input.spans()) {
                findAll(words.get(w), patterns.get(w), span, matches);
            }
            present += matches.size() > before ? 1 : 0;
        }
        return CheckResult.of(mode.holds(present, words.size()), CATEGORY, matches, start,
                present + " of " + words.size() + " listed words present (mode " + mode.wireName() + ")");
    }

    /**
     * The matches {@code pattern.matcher(text).find()} would give, trying the pattern only where the word's first
     * character is: every occurrence when case matters, else where a character folds to the same one (the test
     * {@code UNICODE_CASE} applies, so the Kelvin sign still counts as a {@code k}).
     */
    private void findAll(String word, Pattern pattern, TextSpan span, List<SpanMatch> matches) {
        String text = span.text();
        if (word.isEmpty() || Character.isSurrogate(word.charAt(0))) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                matches.add(new SpanMatch(span.source(), m.start(), m.end(), CATEGORY));
            }
            return;
        }
        AnchoredMatcher anchored = new AnchoredMatcher(pattern, text);
        if (!caseInsensitive) {
            for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
                if (anchored.matchAt(at)) {
                    matches.add(new SpanMatch(span.source(), at, anchored.matcher().end(), CATEGORY));
                }
            }
            return;
        }
        char first = fold(word.charAt(0));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean candidate = c < 0x80 ? (c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) == first
                    : c == first || fold(c) == first;
            if (candidate && anchored.matchAt(i)) {
                matches.add(new SpanMatch(span.source(), i, anchored.matcher().end(), CATEGORY));
            }
        }
    }

    /** How {@link Pattern#CASE_INSENSITIVE} with {@link Pattern#UNICODE_CASE} compares characters. */
    private static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }
}
