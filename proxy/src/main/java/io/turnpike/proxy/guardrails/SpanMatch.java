package io.turnpike.proxy.guardrails;

import java.util.Objects;

/**
 * Where a check found something: the span's source, {@code [start, end)} offsets into its text, and a category
 * ({@code email}, {@code word_list}, {@code ignore_previous_instructions}). Deliberately without the matched text,
 * so a match can go into events and logs.
 */
public record SpanMatch(String source, int start, int end, String category) {
    public SpanMatch {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(category, "category");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad match offsets [" + start + ", " + end + ")");
        }
    }

    public int length() {
        return end - start;
    }
}
