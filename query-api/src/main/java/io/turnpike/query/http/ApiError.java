package io.turnpike.query.http;

/**
 * An error answered in the Anthropic envelope ({@code {"type":"error","error":{"type","message"}}}), so admin
 * tooling and the proxy speak one error dialect. {@code field} names the offending input when there is one.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String type;
    private final String field;

    public ApiError(int status, String type, String message, String field) {
        super(message);
        this.status = status;
        this.type = type;
        this.field = field;
    }

    public static ApiError invalid(String field, String message) {
        return new ApiError(400, "invalid_request_error", message, field);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found_error", message, null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String field() {
        return field;
    }
}
