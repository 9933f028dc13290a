package io.turnpike.proxy.guardrails;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replaces matched spans with {@code [REDACTED:<CATEGORY>]}. Overlapping matches in one span merge into one
 * replacement labelled with the category of the earliest (then longest) match; matches whose source is not among
 * the spans, or whose offsets fall outside the text, are ignored rather than trusted.
 */
public final class Redactor {
    private Redactor() {
    }

    public static String placeholder(String category) {
        return "[REDACTED:" + category.toUpperCase(Locale.ROOT) + "]";
    }

    public static Redaction redact(List<TextSpan> spans, List<SpanMatch> matches) {
        Map<String, Integer> counts = new TreeMap<>();
        List<TextSpan> redacted = new ArrayList<>(spans.size());
        for (TextSpan span : spans) {
            List<SpanMatch> own = new ArrayList<>();
            for (SpanMatch match : matches) {
                if (match.source().equals(span.source()) && match.end() <= span.text().length()) {
                    own.add(match);
                }
            }
            if (own.isEmpty()) {
                redacted.add(span);
                continue;
            }
            own.sort(Comparator.comparingInt(SpanMatch::start).thenComparing(Comparator.comparingInt(SpanMatch::length).reversed()));
            StringBuilder out = new StringBuilder(span.text().length());
            int cursor = 0;
            int i = 0;
            while (i < own.size()) {
                SpanMatch first = own.get(i);
                int end = first.end();
                int j = i + 1;
                while (j < own.size() && own.get(j).start() < end) {
                    end = Math.max(end, own.get(j).end());
                    j++;
                }
                if (first.start() >= cursor && end > first.start()) {
                    out.append(span.text(), cursor, first.start()).append(placeholder(first.category()));
                    cursor = end;
                    counts.merge(first.category(), 1, Integer::sum);
                }
                i = j;
            }
            out.append(span.text(), cursor, span.text().length());
            redacted.add(new TextSpan(span.source(), out.toString()));
        }
        return new Redaction(redacted, counts);
    }
}
