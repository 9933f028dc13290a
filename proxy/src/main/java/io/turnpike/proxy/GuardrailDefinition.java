package io.turnpike.proxy;

import io.turnpike.events.guardrails.GuardrailDocument;

import java.util.Objects;

/**
 * A guardrail in force, as {@link GatewayDirectory#guardrail(String)} returns it: the document and its admin
 * version (verdict events record the version; compiled checks are cached per id and version).
 */
public record GuardrailDefinition(GuardrailDocument document, long version) {
    public GuardrailDefinition {
        Objects.requireNonNull(document, "document");
    }
}
