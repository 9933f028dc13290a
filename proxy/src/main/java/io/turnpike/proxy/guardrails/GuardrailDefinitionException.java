package io.turnpike.proxy.guardrails;

/** A check definition that cannot be built; the message names the check type and the field. */
public final class GuardrailDefinitionException extends IllegalArgumentException {
    public GuardrailDefinitionException(String message) {
        super(message);
    }
}
