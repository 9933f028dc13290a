package io.turnpike.proxy.guardrails;

import java.util.List;

/**
 * {@code modelAllowList} (Portkey: {@code modelWhitelist}): passes when the request's model is listed. An entry
 * ending in {@code *} allows every model with that prefix ({@code claude-sonnet-4*}). An unknown model fails.
 */
public record ModelAllowListCheck(List<String> models) implements GuardrailCheck {
    public static final String TYPE = "modelAllowList";

    public ModelAllowListCheck {
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("models must not be empty");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CheckResult evaluate(GuardrailInput input) {
        long start = System.nanoTime();
        boolean allowed = input.model() != null && allows(models, input.model());
        return CheckResult.of(allowed, "model_allow_list", List.of(), start,
                allowed ? "model allowed" : "model not in the allow-list");
    }

    /** Whether one of the entries (exact names, or prefixes ending in {@code *}) allows the model. */
    static boolean allows(List<String> entries, String model) {
        return entries.stream().anyMatch(entry -> allows(entry, model));
    }

    private static boolean allows(String entry, String model) {
        return entry.endsWith("*") ? model.startsWith(entry.substring(0, entry.length() - 1)) : entry.equals(model);
    }
}
