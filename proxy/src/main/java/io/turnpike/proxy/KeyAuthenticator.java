package io.turnpike.proxy;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.util.Map;

/**
 * The front door every client-facing endpoint shares: the Turnpike key (Bearer or {@code x-api-key}), the trace
 * id and the metadata header, merged with what the key binds. Fills the {@link ProxyCall}; refusals are thrown
 * as {@link ProxyError}s (401 for keys, 400 for metadata).
 */
final class KeyAuthenticator {
    private final GatewayDirectory directory;

    KeyAuthenticator(GatewayDirectory directory) {
        this.directory = directory;
    }

    /** Authenticates the key and reads the metadata header. */
    void admit(ProxyCall call) {
        authenticate(call);
        readMetadata(call);
    }

    private void authenticate(ProxyCall call) {
        String apiKey = presentedKey(call.exchange);
        if (apiKey == null) {
            throw ProxyError.authentication(
                    "missing API key: send it as \"x-api-key: tp-…\" or \"Authorization: Bearer tp-…\"");
        }
        KeyGrant key = directory.keyByHash(ApiKeyHash.of(apiKey)).orElseThrow(() ->
                ProxyError.authentication("invalid API key"));
        if (key.revoked()) {
            throw ProxyError.authentication("this API key has been revoked");
        }
        call.key = key;
        call.configId = key.configId();
        call.traceId = firstHeader(call.exchange, "x-turnpike-trace-id", "x-portkey-trace-id");
        if (call.traceId == null) {
            call.traceId = RequestIds.random(32);
        }
    }

    private static String presentedKey(HttpServerExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            if (!token.isEmpty()) {
                return token;
            }
        }
        String apiKey = exchange.getRequestHeaders().getFirst("x-api-key");
        return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    }

    private static void readMetadata(ProxyCall call) {
        String header = MetadataHeader.NAME;
        String value = call.exchange.getRequestHeaders().getFirst(header);
        if (value == null) {
            header = MetadataHeader.ALIAS;
            value = call.exchange.getRequestHeaders().getFirst(header);
        }
        Map<String, String> fromHeader = MetadataHeader.parse(header, value);
        call.metadata = MetadataHeader.effective(fromHeader, call.key.metadata());
    }

    private static String firstHeader(HttpServerExchange exchange, String name, String alias) {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value == null || value.isBlank()) {
            value = exchange.getRequestHeaders().getFirst(alias);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
