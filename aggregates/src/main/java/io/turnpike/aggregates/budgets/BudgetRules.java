package io.turnpike.aggregates.budgets;

import io.turnpike.aggregates.ValidationException;
import io.turnpike.aggregates.rules.Rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Input rules of budgets; each failure names the field. */
final class BudgetRules {
    /** The dimensions a budget scope may name: the key itself or effective metadata fields. */
    static final Set<String> SCOPE_DIMENSIONS = Set.of("key_id", "tenant", "team", "env", "user");
    static final Set<String> UNITS = Set.of("usd", "tokens");
    static final List<Integer> DEFAULT_THRESHOLDS = List.of(50, 80, 100);

    private BudgetRules() {
    }

    static void requireScope(Map<String, String> scope) {
        if (scope == null || scope.isEmpty()) {
            throw new ValidationException("budgets.scope", "must name at least one of " + new TreeSet<>(SCOPE_DIMENSIONS));
        }
        Rules.requireStringMap("budgets.scope", scope, Rules.MAX_TEXT);
        scope.forEach((dimension, value) -> {
            if (!SCOPE_DIMENSIONS.contains(dimension)) {
                throw new ValidationException("budgets.scope." + dimension,
                        "is not a scope dimension; use " + new TreeSet<>(SCOPE_DIMENSIONS));
            }
            if (value.isBlank()) {
                throw new ValidationException("budgets.scope." + dimension, "must not be empty");
            }
        });
    }

    static void requireUnit(String unit) {
        if (unit == null || !UNITS.contains(unit)) {
            throw new ValidationException("budgets.unit", "must be usd or tokens");
        }
    }

    static void requireLimit(long limit) {
        if (limit <= 0) {
            throw new ValidationException("budgets.limit", "must be positive");
        }
    }

    /** Thresholds as stored: distinct percentages 1–100, ascending; null means the defaults 50/80/100. */
    static List<Integer> thresholds(List<Integer> requested) {
        if (requested == null) {
            return DEFAULT_THRESHOLDS;
        }
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer percent : requested) {
            if (percent == null || percent < 1 || percent > 100) {
                throw new ValidationException("budgets.thresholds", "must be percentages from 1 to 100");
            }
            sorted.add(percent);
        }
        return List.copyOf(new ArrayList<>(sorted));
    }
}
