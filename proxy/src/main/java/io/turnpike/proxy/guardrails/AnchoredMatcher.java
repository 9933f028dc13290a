package io.turnpike.proxy.guardrails;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a pattern only at candidate positions a cheap scan found, instead of letting {@link Matcher#find()} try every
 * index. Offer candidates in ascending order: {@link #matchAt} then yields exactly the matches a {@code find()} loop
 * would, provided every index where a match can start is offered — a candidate scan may over-approximate, never
 * under-approximate. The region keeps transparent bounds (look-behinds and {@code \b} still see the text before the
 * candidate) and non-anchoring bounds, so a match attempt at a candidate is the one {@code find()} makes there.
 */
final class AnchoredMatcher {
    private final Matcher matcher;
    private final int length;
    private int searchFrom;

    AnchoredMatcher(Pattern pattern, CharSequence text) {
        this.matcher = pattern.matcher(text);
        this.matcher.useTransparentBounds(true).useAnchoringBounds(false);
        this.length = text.length();
    }

    /**
     * True when a match starts at {@code start} and {@code start} is not inside the previous match (where
     * {@code find()} would not have looked); {@link #matcher()} then describes it.
     */
    boolean matchAt(int start) {
        if (start < searchFrom || start > length) {
            return false;
        }
        matcher.region(start, length);
        if (!matcher.lookingAt()) {
            return false;
        }
        searchFrom = matcher.end() == matcher.start() ? matcher.end() + 1 : matcher.end();
        return true;
    }

    /** Where the next match may start: the end of the last one. */
    int searchFrom() {
        return searchFrom;
    }

    Matcher matcher() {
        return matcher;
    }
}
