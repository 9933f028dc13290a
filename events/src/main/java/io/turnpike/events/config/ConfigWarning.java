package io.turnpike.events.config;

/**
 * Something in a config document that is accepted but has no effect, e.g. a key Turnpike does not know (kept in the
 * stored document, ignored at run time). {@link #path()} is relative to the document root, like
 * {@link ConfigValidationException#path()}.
 */
public record ConfigWarning(String path, String message) {
    /** {@code path: message}, the form the admin API returns. */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
