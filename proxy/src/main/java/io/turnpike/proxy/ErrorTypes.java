package io.turnpike.proxy;

/** The Anthropic error types the proxy emits itself, plus the proxy-only outcomes recorded on events. */
final class ErrorTypes {
    static final String INVALID_REQUEST = "invalid_request_error";
    static final String AUTHENTICATION = "authentication_error";
    static final String NOT_FOUND = "not_found_error";
    static final String REQUEST_TOO_LARGE = "request_too_large";
    static final String API = "api_error";
    static final String TIMEOUT = "timeout_error";
    /** Recorded on the event only: the client went away before the response was complete. */
    static final String CLIENT_DISCONNECTED = "client_disconnected";

    private ErrorTypes() {
    }
}
