package io.turnpike.proxy.guardrails;

import java.util.List;
import java.util.Map;

/**
 * The result of {@link Redactor#redact}: the spans with matched text replaced, and how many spans of each category
 * were replaced (safe to record: no text).
 */
public record Redaction(List<TextSpan> spans, Map<String, Integer> countsByCategory) {
    public Redaction {
        spans = List.copyOf(spans);
        countsByCategory = Map.copyOf(countsByCategory);
    }

    public int total() {
        return countsByCategory.values().stream().mapToInt(Integer::intValue).sum();
    }

    public boolean redactedAnything() {
        return !countsByCategory.isEmpty();
    }
}
