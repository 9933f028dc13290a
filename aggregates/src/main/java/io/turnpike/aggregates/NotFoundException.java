package io.turnpike.aggregates;

/** A command addressed a provider, config or key that does not exist. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
