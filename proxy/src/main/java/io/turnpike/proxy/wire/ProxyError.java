package io.turnpike.proxy.wire;

/**
 * A request the proxy answers itself, in the Anthropic error envelope. Thrown from the request pipeline and
 * turned into a response in one place, so every refusal looks the same. One factory per Anthropic error type;
 * {@link #retryAfterSeconds()} becomes a {@code retry-after} header (rate limits, overload).
 */
public final class ProxyError extends RuntimeException {
    private final int status;
    private final String type;
    private final Long retryAfterSeconds;
    private final com.fasterxml.jackson.databind.node.ArrayNode guardrailResults;

    public ProxyError(int status, String type, String message) {
        this(status, type, message, null);
    }

    public ProxyError(int status, String type, String message, Long retryAfterSeconds) {
        this(status, type, message, retryAfterSeconds, null);
    }

    private ProxyError(int status, String type, String message, Long retryAfterSeconds,
                       com.fasterxml.jackson.databind.node.ArrayNode guardrailResults) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.retryAfterSeconds = retryAfterSeconds;
        this.guardrailResults = guardrailResults;
    }

    /** 446 {@code invalid_request_error}: an input guardrail refused the request; the envelope lists the verdicts. */
    public static ProxyError guardrailDenied(String message, com.fasterxml.jackson.databind.node.ArrayNode results) {
        return new ProxyError(446, ErrorTypes.INVALID_REQUEST, message, null, results);
    }

    /** The top-level {@code guardrail_results} of a guardrail refusal, or null. */
    public com.fasterxml.jackson.databind.node.ArrayNode guardrailResults() {
        return guardrailResults;
    }

    public static ProxyError invalidRequest(String message) {
        return new ProxyError(400, ErrorTypes.INVALID_REQUEST, message);
    }

    public static ProxyError authentication(String message) {
        return new ProxyError(401, ErrorTypes.AUTHENTICATION, message);
    }

    static ProxyError billing(String message) {
        return billing(402, message);
    }

    /** {@code billing_error} with 402 (Anthropic's) or 412 (budget refusals by default, as Portkey answers them). */
    public static ProxyError billing(int status, String message) {
        return new ProxyError(status, ErrorTypes.BILLING, message);
    }

    public static ProxyError permission(String message) {
        return new ProxyError(403, ErrorTypes.PERMISSION, message);
    }

    public static ProxyError notFound(String message) {
        return new ProxyError(404, ErrorTypes.NOT_FOUND, message);
    }

    public static ProxyError requestTooLarge(String message) {
        return new ProxyError(413, ErrorTypes.REQUEST_TOO_LARGE, message);
    }

    /** 429; {@code retryAfterSeconds} (≥ 0) is sent as {@code retry-after}. */
    public static ProxyError rateLimited(String message, long retryAfterSeconds) {
        return new ProxyError(429, ErrorTypes.RATE_LIMIT, message, Math.max(0, retryAfterSeconds));
    }

    public static ProxyError api(String message) {
        return new ProxyError(500, ErrorTypes.API, message);
    }

    public static ProxyError timeout(String message) {
        return new ProxyError(504, ErrorTypes.TIMEOUT, message);
    }

    /** 529; {@code retryAfterSeconds} may be null when there is no useful hint. */
    public static ProxyError overloaded(String message, Long retryAfterSeconds) {
        return new ProxyError(529, ErrorTypes.OVERLOADED, message,
                retryAfterSeconds == null ? null : Math.max(0, retryAfterSeconds));
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    /** Seconds for the {@code retry-after} header, or null for none. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
