package io.turnpike.events.metadata;

/** A metadata schema document is invalid; {@link #field()} names the offending place, e.g. {@code fields.user.pattern}. */
public class MetadataSchemaException extends RuntimeException {
    private final String field;

    public MetadataSchemaException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
