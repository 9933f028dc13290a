package io.turnpike.query.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Requires {@code Authorization: Bearer <admin token>}; compares in constant time. */
public final class AdminTokenAuthentication implements HttpHandler {
    private final byte[] token;
    private final HttpHandler next;

    public AdminTokenAuthentication(String token, HttpHandler next) {
        if (token == null || token.length() < 16) {
            throw new IllegalArgumentException("the admin token must be at least 16 characters");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            JsonExchange.sendError(exchange, new ApiError(401, "authentication_error",
                    "missing admin credentials: send Authorization: Bearer <admin token>", null));
            return;
        }
        byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(presented, token)) {
            JsonExchange.sendError(exchange, new ApiError(401, "authentication_error", "invalid admin token", null));
            return;
        }
        next.handleRequest(exchange);
    }
}
