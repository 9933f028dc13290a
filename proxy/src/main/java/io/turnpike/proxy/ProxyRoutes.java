package io.turnpike.proxy;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

import java.nio.charset.StandardCharsets;

/**
 * Routes on the path only (Claude clients append {@code ?beta=true}). Unknown paths get 404 and wrong methods
 * 405, both in the Anthropic error envelope with a request id.
 */
final class ProxyRoutes implements HttpHandler {
    static final String MESSAGES = "/v1/messages";
    static final String HEALTH = "/health";

    private final HttpHandler messages;

    ProxyRoutes(HttpHandler messages) {
        this.messages = messages;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        HttpString method = exchange.getRequestMethod();
        switch (path) {
            case MESSAGES -> {
                if (Methods.POST.equals(method)) {
                    messages.handleRequest(exchange);
                } else {
                    refuse(exchange, 405, "invalid_request_error", "method " + method + " is not allowed on "
                            + MESSAGES + "; use POST", "POST");
                }
            }
            case HEALTH -> {
                if (Methods.GET.equals(method) || Methods.HEAD.equals(method)) {
                    exchange.getResponseHeaders().put(ProxyCall.REQUEST_ID, RequestIds.next());
                    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                    exchange.getResponseSender().send("{\"status\":\"ok\"}", StandardCharsets.UTF_8);
                } else {
                    refuse(exchange, 405, "invalid_request_error", "method " + method + " is not allowed on "
                            + HEALTH + "; use GET", "GET, HEAD");
                }
            }
            default -> refuse(exchange, 404, ErrorTypes.NOT_FOUND, "no route for " + method + " " + path
                    + "; this gateway serves POST " + MESSAGES, null);
        }
    }

    private static void refuse(HttpServerExchange exchange, int status, String type, String message, String allow) {
        String requestId = RequestIds.next();
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(ProxyCall.REQUEST_ID, requestId);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        if (allow != null) {
            exchange.getResponseHeaders().put(Headers.ALLOW, allow);
        }
        exchange.getResponseSender().send(ErrorEnvelope.body(type, message, requestId), StandardCharsets.UTF_8);
    }
}
