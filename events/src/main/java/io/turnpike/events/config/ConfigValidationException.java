package io.turnpike.events.config;

/**
 * A routing config document is invalid. {@link #path()} names the offending place as a JSON path relative to the
 * document root, e.g. {@code targets[1].targets[0].weight}; it is empty when the document as a whole is at fault.
 */
public class ConfigValidationException extends RuntimeException {
    private final String path;
    private final String reason;

    public ConfigValidationException(String path, String reason) {
        super(path.isEmpty() ? reason : path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    /** JSON path relative to the document root; empty for the whole document. */
    public String path() {
        return path;
    }

    /** The message without the path prefix. */
    public String reason() {
        return reason;
    }
}
