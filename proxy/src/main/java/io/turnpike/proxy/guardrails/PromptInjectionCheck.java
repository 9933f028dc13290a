package io.turnpike.proxy.guardrails;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code promptInjection}: passes when none of the chosen {@link PromptInjectionRule}s fires. Each hit is a match
 * whose category is the rule id. Heuristics, documented rule by rule: they stop the copy-pasted attacks and say
 * exactly which rule fired; they are not a classifier.
 */
public record PromptInjectionCheck(Set<PromptInjectionRule> rules) implements GuardrailCheck {
    public static final String TYPE = "promptInjection";
    static final String CATEGORY = "prompt_injection";

    public PromptInjectionCheck {
        rules = rules.isEmpty() ? Set.copyOf(EnumSet.allOf(PromptInjectionRule.class)) : Set.copyOf(rules);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CheckResult evaluate(GuardrailInput input) {
        long start = System.nanoTime();
        List<SpanMatch> matches = new ArrayList<>();
        Set<String> fired = new TreeSet<>();
        for (TextSpan span : input.spans()) {
            PromptInjectionRule.VisibleText visible = PromptInjectionRule.VisibleText.of(span.text());
            for (PromptInjectionRule rule : EnumSet.copyOf(rules)) {
                for (int[] range : rule.find(span.text(), visible)) {
                    matches.add(new SpanMatch(span.source(), range[0], range[1], rule.id()));
                    fired.add(rule.id());
                }
            }
        }
        return CheckResult.of(matches.isEmpty(), CATEGORY, matches, start,
                fired.isEmpty() ? "no rule fired" : "rules fired: " + String.join(", ", fired));
    }
}
