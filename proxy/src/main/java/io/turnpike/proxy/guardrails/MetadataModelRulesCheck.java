package io.turnpike.proxy.guardrails;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code metadataModelRules}: the first rule whose {@code when} holds for the request's metadata (every key present
 * with an equal value, or one of the values when a list is given) decides which models the request may use
 * (entries as in {@link ModelAllowListCheck}). No rule applies → pass; unknown model → error, since no rule can be
 * judged. Messages name the rule by position, never metadata values.
 */
public record MetadataModelRulesCheck(List<Rule> rules) implements GuardrailCheck {
    public static final String TYPE = "metadataModelRules";
    static final String CATEGORY = "model_rules";

    /** One rule: metadata key → the values that match (any of them), and the models then allowed. */
    public record Rule(Map<String, Set<String>> when, List<String> models) {
        public Rule {
            when = Map.copyOf(when);
            models = List.copyOf(models);
            if (models.isEmpty()) {
                throw new IllegalArgumentException("models must not be empty");
            }
        }

        boolean applies(Map<String, String> metadata) {
            return when.entrySet().stream().allMatch(condition -> {
                String value = metadata.get(condition.getKey());
                return value != null && condition.getValue().contains(value);
            });
        }
    }

    public MetadataModelRulesCheck {
        rules = List.copyOf(rules);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("rules must not be empty");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CheckResult evaluate(GuardrailInput input) {
        long start = System.nanoTime();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (!rule.applies(input.metadata())) {
                continue;
            }
            if (input.model() == null) {
                return CheckResult.error(CATEGORY, start, "rule " + i + " applies but the request names no model");
            }
            boolean allowed = ModelAllowListCheck.allows(rule.models(), input.model());
            return CheckResult.of(allowed, CATEGORY, List.of(), start,
                    "rule " + i + " applies: model " + (allowed ? "allowed" : "not allowed"));
        }
        return CheckResult.of(true, CATEGORY, List.of(), start, "no rule applies");
    }
}
