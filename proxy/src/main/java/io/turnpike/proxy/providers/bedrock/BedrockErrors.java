package io.turnpike.proxy.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.proxy.wire.ErrorTypes;
import io.turnpike.proxy.wire.ProxyError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Bedrock's error vocabulary in Anthropic's terms. Bedrock names its errors ({@code x-amzn-ErrorType} on HTTP
 * errors, {@code :exception-type} on stream frames — the same names, differently capitalised); the name decides
 * the Anthropic status and type, the HTTP status is the fallback. Bedrock's own message text is kept: clients
 * and people match on it.
 */
final class BedrockErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An Anthropic status and error type. */
    record Mapped(int status, String type) {
    }

    /** Keyed by the lower-cased error name, so {@code ThrottlingException} and {@code throttlingException} meet. */
    private static final Map<String, Mapped> BY_NAME = Map.ofEntries(
            Map.entry("validationexception", new Mapped(400, ErrorTypes.INVALID_REQUEST)),
            Map.entry("accessdeniedexception", new Mapped(403, ErrorTypes.PERMISSION)),
            Map.entry("unrecognizedclientexception", new Mapped(403, ErrorTypes.PERMISSION)),
            Map.entry("invalidsignatureexception", new Mapped(403, ErrorTypes.PERMISSION)),
            Map.entry("expiredtokenexception", new Mapped(403, ErrorTypes.PERMISSION)),
            Map.entry("incompletesignatureexception", new Mapped(403, ErrorTypes.PERMISSION)),
            Map.entry("missingauthenticationtokenexception", new Mapped(403, ErrorTypes.PERMISSION)),
            Map.entry("resourcenotfoundexception", new Mapped(404, ErrorTypes.NOT_FOUND)),
            Map.entry("throttlingexception", new Mapped(429, ErrorTypes.RATE_LIMIT)),
            Map.entry("servicequotaexceededexception", new Mapped(429, ErrorTypes.RATE_LIMIT)),
            Map.entry("modeltimeoutexception", new Mapped(504, ErrorTypes.TIMEOUT)),
            Map.entry("serviceunavailableexception", new Mapped(529, ErrorTypes.OVERLOADED)),
            Map.entry("modelnotreadyexception", new Mapped(529, ErrorTypes.OVERLOADED)),
            Map.entry("modelerrorexception", new Mapped(500, ErrorTypes.API)),
            Map.entry("modelstreamerrorexception", new Mapped(500, ErrorTypes.API)),
            Map.entry("internalserverexception", new Mapped(500, ErrorTypes.API)));

    private BedrockErrors() {
    }

    /** By error name when known, else by HTTP status. */
    static Mapped map(String errorName, int httpStatus) {
        Mapped byName = errorName == null ? null : BY_NAME.get(errorName.toLowerCase(Locale.ROOT));
        return byName != null ? byName : byStatus(httpStatus);
    }

    private static Mapped byStatus(int status) {
        return switch (status) {
            case 400 -> new Mapped(400, ErrorTypes.INVALID_REQUEST);
            case 401, 403 -> new Mapped(403, ErrorTypes.PERMISSION);
            case 404 -> new Mapped(404, ErrorTypes.NOT_FOUND);
            case 408 -> new Mapped(504, ErrorTypes.TIMEOUT);
            case 413 -> new Mapped(413, ErrorTypes.REQUEST_TOO_LARGE);
            case 429 -> new Mapped(429, ErrorTypes.RATE_LIMIT);
            case 503 -> new Mapped(529, ErrorTypes.OVERLOADED);
            default -> status >= 400 && status < 500
                    ? new Mapped(400, ErrorTypes.INVALID_REQUEST) : new Mapped(500, ErrorTypes.API);
        };
    }

    /**
     * An HTTP error answer from Bedrock. {@code x-amzn-ErrorType} looks like
     * {@code ThrottlingException:http://internal.amazon.com/coral/...}; the body like {@code {"message":"…"}}.
     */
    static ProxyError fromHttp(String providerId, int status, String errorTypeHeader, byte[] body,
                               String retryAfterHeader) {
        String name = errorName(errorTypeHeader, body);
        Mapped mapped = map(name, status);
        String message = message(body);
        if (message == null) {
            message = "Bedrock answered HTTP " + status + (name == null ? "" : " " + name)
                    + " for provider \"" + providerId + "\"";
        }
        Long retryAfter = mapped.status() == 429 || mapped.status() == 529 ? seconds(retryAfterHeader) : null;
        return new ProxyError(mapped.status(), mapped.type(), message, retryAfter);
    }

    /** The {@code message} of a Bedrock error body ({@code message} or {@code Message}), or null. */
    static String message(byte[] body) {
        JsonNode json = parse(body);
        if (json == null) {
            return null;
        }
        JsonNode message = json.has("message") ? json.get("message") : json.get("Message");
        return message != null && message.isTextual() && !message.asText().isBlank() ? message.asText() : null;
    }

    private static String errorName(String header, byte[] body) {
        String raw = header;
        if (raw == null || raw.isBlank()) {
            JsonNode json = parse(body);
            raw = json == null ? null : json.path("__type").asText(null);
        }
        if (raw == null || raw.isBlank()) {
            return null;
        }
        int colon = raw.indexOf(':');
        String name = colon >= 0 ? raw.substring(0, colon) : raw;
        int hash = name.lastIndexOf('#');
        return (hash >= 0 ? name.substring(hash + 1) : name).trim();
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode json = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Long seconds(String retryAfter) {
        if (retryAfter == null) {
            return null;
        }
        try {
            return Math.max(0, (long) Math.ceil(Double.parseDouble(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return null; // an HTTP date: rare from Bedrock, and not worth guessing the clock skew
        }
    }
}
