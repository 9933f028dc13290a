package io.turnpike.events.config;

import java.util.List;

/**
 * A valid routing config document as a tree of {@link Target}s.
 *
 * @param root          the document itself as a group (path {@code config}); its children are {@code targets}
 * @param allowedModels the top-level {@code allowed_models} (Turnpike's extension); null when absent = every model
 * @param warnings      accepted but ineffective parts (unknown keys, unreachable targets…); empty when none
 */
public record ParsedConfig(Target root, List<String> allowedModels, List<ConfigWarning> warnings) {
    public ParsedConfig {
        allowedModels = allowedModels == null ? null : List.copyOf(allowedModels);
        warnings = List.copyOf(warnings);
    }

    /** The top-level {@code input_guardrails}; a provider target's own list adds what its ancestors attach. */
    public List<GuardrailRef> inputGuardrails() {
        return root.inputGuardrails();
    }

    /** The top-level {@code output_guardrails}; see {@link Target#outputGuardrails()} for a target's full list. */
    public List<GuardrailRef> outputGuardrails() {
        return root.outputGuardrails();
    }

    /** The warnings as {@code path: message} strings. */
    public List<String> warningMessages() {
        return warnings.stream().map(ConfigWarning::toString).toList();
    }
}
