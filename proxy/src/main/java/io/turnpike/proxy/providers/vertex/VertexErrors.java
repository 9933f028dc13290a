package io.turnpike.proxy.providers.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.proxy.wire.ErrorTypes;
import io.turnpike.proxy.wire.ProxyError;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Vertex AI error responses in Anthropic's terms. Errors raised by the model itself already arrive in Anthropic's
 * envelope and pass through unmodified (clients match on their wording); errors raised by Google's front end
 * ({@code {"error":{"code":429,"message":"…","status":"RESOURCE_EXHAUSTED"}}}, sometimes wrapped in an array on
 * the streaming method) are mapped by their canonical status, else by HTTP status.
 */
final class VertexErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VertexErrors() {
    }

    /** True when the body is already {@code {"type":"error","error":{"type":…}}}: relay it as it is. */
    static boolean isAnthropicError(byte[] body) {
        JsonNode root = parse(body);
        return root != null && "error".equals(root.path("type").asText())
                && root.path("error").path("type").isTextual();
    }

    /**
     * A Google-shaped (or unreadable) error body as the Anthropic error the client gets. Rate limits and overload
     * carry a {@code retry-after}: the upstream's own header if it sent seconds, else a {@code google.rpc.RetryInfo}
     * detail's {@code retryDelay} ("30s", "1.5s") rounded up.
     */
    static ProxyError toAnthropic(int httpStatus, byte[] body, String upstreamRetryAfter) {
        JsonNode error = googleError(body);
        String googleStatus = error.path("status").asText("");
        String type = typeFor(googleStatus, httpStatus);
        String message = error.path("message").asText("");
        if (message.isBlank()) {
            message = "Vertex AI answered HTTP " + httpStatus
                    + (googleStatus.isEmpty() ? "" : " (" + googleStatus + ")");
        }
        Long retryAfter = type.equals(ErrorTypes.RATE_LIMIT) || type.equals(ErrorTypes.OVERLOADED)
                ? retryAfterSeconds(upstreamRetryAfter, error) : null;
        return new ProxyError(statusFor(type), type, message, retryAfter);
    }

    private static Long retryAfterSeconds(String upstreamHeader, JsonNode error) {
        if (upstreamHeader != null && upstreamHeader.trim().matches("\\d{1,9}")) {
            return Long.parseLong(upstreamHeader.trim());
        }
        for (JsonNode detail : error.path("details")) {
            String delay = detail.path("retryDelay").asText("");
            if (detail.path("@type").asText("").endsWith("google.rpc.RetryInfo") && delay.endsWith("s")) {
                try {
                    BigDecimal seconds = new BigDecimal(delay.substring(0, delay.length() - 1));
                    return seconds.setScale(0, RoundingMode.CEILING).max(BigDecimal.ZERO).longValueExact();
                } catch (NumberFormatException | ArithmeticException e) {
                    return null;
                }
            }
        }
        return null;
    }

    static String typeFor(String googleStatus, int httpStatus) {
        return switch (googleStatus) {
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> ErrorTypes.INVALID_REQUEST;
            case "UNAUTHENTICATED" -> ErrorTypes.AUTHENTICATION;
            case "PERMISSION_DENIED" -> ErrorTypes.PERMISSION;
            case "NOT_FOUND" -> ErrorTypes.NOT_FOUND;
            case "RESOURCE_EXHAUSTED" -> ErrorTypes.RATE_LIMIT;
            case "UNAVAILABLE" -> ErrorTypes.OVERLOADED;
            case "DEADLINE_EXCEEDED" -> ErrorTypes.TIMEOUT;
            case "INTERNAL", "UNKNOWN", "DATA_LOSS", "CANCELLED", "ABORTED" -> ErrorTypes.API;
            default -> typeFor(httpStatus);
        };
    }

    private static String typeFor(int httpStatus) {
        return switch (httpStatus) {
            case 401 -> ErrorTypes.AUTHENTICATION;
            case 403 -> ErrorTypes.PERMISSION;
            case 404 -> ErrorTypes.NOT_FOUND;
            case 413 -> ErrorTypes.REQUEST_TOO_LARGE;
            case 429 -> ErrorTypes.RATE_LIMIT;
            case 503, 529 -> ErrorTypes.OVERLOADED;
            case 504 -> ErrorTypes.TIMEOUT;
            default -> httpStatus >= 400 && httpStatus < 500 ? ErrorTypes.INVALID_REQUEST : ErrorTypes.API;
        };
    }

    /** Anthropic's status for each error type. */
    static int statusFor(String type) {
        return switch (type) {
            case ErrorTypes.INVALID_REQUEST -> 400;
            case ErrorTypes.AUTHENTICATION -> 401;
            case ErrorTypes.PERMISSION -> 403;
            case ErrorTypes.NOT_FOUND -> 404;
            case ErrorTypes.REQUEST_TOO_LARGE -> 413;
            case ErrorTypes.RATE_LIMIT -> 429;
            case ErrorTypes.TIMEOUT -> 504;
            case ErrorTypes.OVERLOADED -> 529;
            default -> 500;
        };
    }

    /** The {@code error} object of a Google error body (first element if wrapped in an array), else missing. */
    private static JsonNode googleError(byte[] body) {
        JsonNode root = parse(body);
        if (root != null && root.isArray() && !root.isEmpty()) {
            root = root.get(0);
        }
        return root == null ? JSON.missingNode() : root.path("error");
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null; // an HTML page from a proxy in between: mapped by status alone
        }
    }
}
