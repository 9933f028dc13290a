package io.turnpike.proxy.guardrails;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code pii}: passes when none of the chosen categories is found. Each detection is a match whose category is the
 * PII category's wire name. {@code redact} tells the guardrail to replace the matches ({@link Redactor}) instead of
 * refusing; the check itself only detects.
 */
public record PiiCheck(Set<PiiCategory> categories, boolean redact) implements GuardrailCheck {
    public static final String TYPE = "pii";
    static final String CATEGORY = "pii";

    public PiiCheck {
        categories = categories.isEmpty() ? Set.copyOf(EnumSet.allOf(PiiCategory.class)) : Set.copyOf(categories);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CheckResult evaluate(GuardrailInput input) {
        long start = System.nanoTime();
        List<SpanMatch> matches = new ArrayList<>();
        for (TextSpan span : input.spans()) {
            for (PiiDetection detection : PiiDetectors.scan(span.text(), categories)) {
                matches.add(new SpanMatch(span.source(), detection.start(), detection.end(),
                        detection.category().wireName()));
            }
        }
        Map<String, Long> counts = matches.stream()
                .collect(Collectors.groupingBy(SpanMatch::category, TreeMap::new, Collectors.counting()));
        String message = counts.isEmpty() ? "no PII found"
                : "found " + counts.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
                .collect(Collectors.joining(", "));
        return CheckResult.of(matches.isEmpty(), CATEGORY, matches, start, message);
    }
}
