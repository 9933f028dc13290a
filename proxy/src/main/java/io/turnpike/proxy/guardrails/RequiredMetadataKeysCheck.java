package io.turnpike.proxy.guardrails;

import java.util.List;

/**
 * {@code requiredMetadataKeys}: passes when {@code mode} of the keys are present with a non-blank value in the
 * request's effective metadata ({@code all} by default). The message names missing keys, never values.
 */
public record RequiredMetadataKeysCheck(List<String> keys, MatchMode mode) implements GuardrailCheck {
    public static final String TYPE = "requiredMetadataKeys";

    public RequiredMetadataKeysCheck {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("keys must not be empty");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CheckResult evaluate(GuardrailInput input) {
        long start = System.nanoTime();
        List<String> missing = keys.stream()
                .filter(key -> input.metadata().get(key) == null || input.metadata().get(key).isBlank())
                .toList();
        boolean pass = mode.holds(keys.size() - missing.size(), keys.size());
        return CheckResult.of(pass, "required_metadata_keys", List.of(), start,
                missing.isEmpty() ? "all keys present" : "missing: " + String.join(", ", missing));
    }
}
