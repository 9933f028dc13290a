package io.turnpike.aggregates.rules;

import io.turnpike.aggregates.ValidationException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rule for a list of mandatory guardrails (a tenant's or a key's): each a guardrail in force, none twice, at
 * most {@code max}. A missing or retired id is refused when it is set because the proxy refuses every request whose
 * guardrail it cannot find: accepting it would turn the baseline into an outage rather than a check.
 */
public final class GuardrailIds {
    private GuardrailIds() {
    }

    /** The ids as given (order kept: it is the order they run in), or a failure naming {@code field} or an item. */
    public static List<String> require(String field, List<String> ids, int max, References references) {
        if (ids.size() > max) {
            throw new ValidationException(field, "at most " + max + " guardrails");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String item = field + "[" + i + "]";
            String id = ids.get(i);
            Rules.requireId(item, id);
            if (!seen.add(id)) {
                throw new ValidationException(item, "\"" + id + "\" is listed twice");
            }
            if (!references.guardrailExists(id)) {
                throw new ValidationException(item, "no guardrail \"" + id + "\" (or it is retired)");
            }
        }
        return List.copyOf(ids);
    }
}
