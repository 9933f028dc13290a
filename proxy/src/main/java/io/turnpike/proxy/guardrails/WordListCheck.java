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
        for (Pattern pattern : patterns) {
            boolean found = false;
            for (TextSpan span : input.spans()) {
                Matcher m = pattern.matcher(span.text());
                while (m.find()) {
                    matches.add(new SpanMatch(span.source(), m.start(), m.end(), CATEGORY));
                    found = true;
                }
            }
            present += found ? 1 : 0;
        }
        return CheckResult.of(mode.holds(present, words.size()), CATEGORY, matches, start,
                present + " of " + words.size() + " listed words present (mode " + mode.wireName() + ")");
    }
}
