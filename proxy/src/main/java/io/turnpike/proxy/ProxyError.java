package io.turnpike.proxy;

/**
 * A request the proxy answers itself, in the Anthropic error envelope. Thrown from the request pipeline and
 * turned into a response in one place, so every refusal looks the same.
 */
final class ProxyError extends RuntimeException {
    private final int status;
    private final String type;

    ProxyError(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    static ProxyError invalidRequest(String message) {
        return new ProxyError(400, ErrorTypes.INVALID_REQUEST, message);
    }

    static ProxyError authentication(String message) {
        return new ProxyError(401, ErrorTypes.AUTHENTICATION, message);
    }

    static ProxyError api(String message) {
        return new ProxyError(500, ErrorTypes.API, message);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }
}
