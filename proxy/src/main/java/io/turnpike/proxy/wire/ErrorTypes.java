package io.turnpike.proxy.wire;

/** The Anthropic error types the proxy emits itself, plus the proxy-only outcomes recorded on events. */
public final class ErrorTypes {
    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String AUTHENTICATION = "authentication_error";
    public static final String NOT_FOUND = "not_found_error";
    public static final String REQUEST_TOO_LARGE = "request_too_large";
    public static final String API = "api_error";
    public static final String TIMEOUT = "timeout_error";
    static final String BILLING = "billing_error";
    public static final String PERMISSION = "permission_error";
    public static final String RATE_LIMIT = "rate_limit_error";
    public static final String OVERLOADED = "overloaded_error";
    /** Recorded on the event only: the client went away before the response was complete. */
    public static final String CLIENT_DISCONNECTED = "client_disconnected";

    private ErrorTypes() {
    }

    /**
     * The Anthropic error type for a status the proxy answers with; statuses without their own type are
     * {@code api_error} (5xx) or {@code invalid_request_error} (4xx), as the Anthropic API does.
     */
    public static String forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> AUTHENTICATION;
            case 402, 412 -> BILLING; // 412: a budget refusal (Portkey's convention)
            case 403 -> PERMISSION;
            case 404 -> NOT_FOUND;
            case 413 -> REQUEST_TOO_LARGE;
            case 429 -> RATE_LIMIT;
            case 504 -> TIMEOUT;
            case 529 -> OVERLOADED;
            default -> status >= 500 ? API : INVALID_REQUEST;
        };
    }
}
