package io.turnpike.events.guardrails;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code webhook} check's parameters: {@code url} (absolute http or https), {@code headers} (names and values
 * the proxy can send as they are) and {@code timeoutMs} (1 to {@link #MAX_TIMEOUT_MS}, default
 * {@link #DEFAULT_TIMEOUT_MS}). Public so that the proxy's check applies the very same rules.
 */
public final class WebhookParams {
    public static final int DEFAULT_TIMEOUT_MS = 3_000;
    public static final int MAX_TIMEOUT_MS = 10_000;
    public static final int MAX_HEADERS = 32;
    public static final int MAX_HEADER_VALUE = 4_096;
    /**
     * Headers the HTTP client sets itself ({@code content-type} states the JSON body; the others the JDK client
     * refuses or manages), so a configuration cannot set them.
     */
    public static final Set<String> RESERVED_HEADERS = Set.of("connection", "content-length", "content-type",
            "expect", "host", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");
    /** RFC 9110 token characters. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");

    private WebhookParams() {
    }

    static void validate(JsonNode url, String urlPath, JsonNode headers, String headersPath, JsonNode timeout,
                         String timeoutPath) {
        if (url == null || !url.isTextual() || !isHttpUrl(url.asText())) {
            throw new GuardrailDocumentException(urlPath, "required: an absolute http(s) URL");
        }
        if (headers != null) {
            headers(headers, headersPath);
        }
        if (timeout != null && (!timeout.isIntegralNumber() || !timeout.canConvertToLong() || timeout.asLong() < 1
                || timeout.asLong() > MAX_TIMEOUT_MS)) {
            throw new GuardrailDocumentException(timeoutPath, "must be milliseconds from 1 to " + MAX_TIMEOUT_MS);
        }
    }

    private static void headers(JsonNode headers, String path) {
        if (!headers.isObject()) {
            throw new GuardrailDocumentException(path, "must be an object of header names to string values");
        }
        if (headers.size() > MAX_HEADERS) {
            throw new GuardrailDocumentException(path, "at most " + MAX_HEADERS + " headers");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = headers.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> header = fields.next();
            String problem = headerProblem(header.getKey(), header.getValue().isTextual()
                    ? header.getValue().asText() : null);
            if (problem != null) {
                throw new GuardrailDocumentException(path + "." + header.getKey(), problem);
            }
        }
    }

    /**
     * Why a header cannot be sent ({@code value} null when it is not a string), or null when it can. The message
     * never repeats the value: it is typically a credential.
     */
    public static String headerProblem(String name, String value) {
        if (!HEADER_NAME.matcher(name).matches()) {
            return "not a valid header name";
        }
        if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            return "set by the gateway; cannot be configured";
        }
        if (value == null) {
            return "must be a string";
        }
        if (value.length() > MAX_HEADER_VALUE) {
            return "at most " + MAX_HEADER_VALUE + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0x7f || (c < 0x20 && c != '\t') || c > 0xff) {
                return "must be printable ISO-8859-1 text without line breaks";
            }
        }
        return null;
    }

    /** Whether the value is an absolute http or https URL with a host. */
    public static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
