package io.turnpike.aggregates;

/** A command was rejected because one input is invalid; {@link #field()} names it (e.g. {@code providers.type}). */
public class ValidationException extends RuntimeException {
    private final String field;

    public ValidationException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The message without the field prefix. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
