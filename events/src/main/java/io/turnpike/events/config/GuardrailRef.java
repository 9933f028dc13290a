package io.turnpike.events.config;

import io.turnpike.events.guardrails.GuardrailDocument;

import java.util.Objects;

/**
 * One guardrail attached in a routing config ({@code input_guardrails} or {@code output_guardrails}): either the id
 * of a guardrail defined through the admin API, or a guardrail written inline in Portkey's shorthand, parsed into a
 * {@link GuardrailDocument} whose synthetic id starts with {@link #INLINE_PREFIX}.
 *
 * @param id     the guardrail's id; for an inline guardrail, the synthetic id of {@link #inline()}
 * @param inline the parsed inline guardrail; null for a reference by id (the proxy looks the guardrail up)
 * @param path   where the item sits in the document, e.g. {@code targets[0].input_guardrails[1]}
 */
public record GuardrailRef(String id, GuardrailDocument inline, String path) {
    /** Synthetic ids of inline guardrails start with this, so verdicts can say the guardrail had no admin object. */
    public static final String INLINE_PREFIX = "inline-";

    public GuardrailRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        if (inline != null && !inline.id().equals(id)) {
            throw new IllegalArgumentException("id " + id + " differs from the inline guardrail's " + inline.id());
        }
    }

    public static GuardrailRef byId(String id, String path) {
        return new GuardrailRef(id, null, path);
    }

    public static GuardrailRef inline(GuardrailDocument document, String path) {
        return new GuardrailRef(document.id(), document, path);
    }

    public boolean isInline() {
        return inline != null;
    }
}
