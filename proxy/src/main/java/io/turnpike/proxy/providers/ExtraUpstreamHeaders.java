package io.turnpike.proxy.providers;

import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A provider's optional extra headers, configured as settings named {@code header.<Header-Name>} (for example a
 * corporate egress gateway's routing header). Headers that carry credentials, framing or the API version are
 * Turnpike's to set and are never taken from configuration.
 */
public final class ExtraUpstreamHeaders {
    static final String PREFIX = "header.";
    private static final Set<String> RESERVED = Set.of("host", "content-length", "content-type", "connection",
            "expect", "upgrade", "transfer-encoding", "te", "trailer", "authorization", "x-api-key",
            "anthropic-version", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256");

    private ExtraUpstreamHeaders() {
    }

    public static void apply(Map<String, String> settings, HttpRequest.Builder builder) {
        settings.forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                String name = key.substring(PREFIX.length());
                if (isAllowed(name)) {
                    builder.header(name, value);
                }
            }
        });
    }

    /** An RFC 9110 token that Turnpike does not set itself. */
    static boolean isAllowed(String name) {
        return !name.isEmpty() && name.chars().allMatch(ExtraUpstreamHeaders::isTokenChar)
                && !RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }

    private static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
