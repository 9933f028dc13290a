package io.turnpike.aggregates;

/** A command contradicts existing state: the id is taken, or the key is already revoked. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
