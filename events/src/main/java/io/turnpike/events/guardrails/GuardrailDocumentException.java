package io.turnpike.events.guardrails;

/**
 * A guardrail document (or an inline check) is invalid. {@link #field()} names the offending place as a path
 * relative to the document, e.g. {@code checks[0].params.pattern}; {@link #reason()} is the message without it.
 */
public class GuardrailDocumentException extends RuntimeException {
    private final String field;
    private final String reason;

    public GuardrailDocumentException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
