package io.turnpike.proxy.http;

import io.turnpike.events.telemetry.TelemetryReceived.Signal;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.exchange.RequestIds;
import io.turnpike.proxy.telemetry.OtlpHandler;
import io.turnpike.proxy.wire.ErrorEnvelope;
import io.turnpike.proxy.wire.ErrorTypes;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Routes on the path only (Claude clients append {@code ?beta=true}). Unknown paths get 404 and wrong methods
 * 405, both in the Anthropic error envelope with a request id.
 */
public final class ProxyRoutes implements HttpHandler {
    static final String MESSAGES = "/v1/messages";
    static final String COUNT_TOKENS = "/v1/messages/count_tokens";
    static final String MODELS = ModelsHandler.PATH;
    static final String HEALTH = "/health";

    private final HttpHandler messages;
    private final HttpHandler countTokens;
    private final HttpHandler models;
    /** By path: {@code /v1/metrics}, {@code /v1/logs}, {@code /v1/traces}. */
    private final Map<String, HttpHandler> telemetry = new HashMap<>();

    public ProxyRoutes(HttpHandler messages, HttpHandler countTokens, HttpHandler models,
                Function<Signal, HttpHandler> telemetryHandler) {
        this.messages = messages;
        this.countTokens = countTokens;
        this.models = models;
        for (Signal signal : Signal.values()) {
            telemetry.put(OtlpHandler.path(signal), telemetryHandler.apply(signal));
        }
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        HttpString method = exchange.getRequestMethod();
        if (path.startsWith(MODELS + "/") && path.length() > MODELS.length() + 1) {
            get(exchange, method, path, models);
            return;
        }
        switch (path) {
            case MESSAGES -> post(exchange, method, path, messages);
            case COUNT_TOKENS -> post(exchange, method, path, countTokens);
            case MODELS, MODELS + "/" -> get(exchange, method, path, models);
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
            default -> {
                HttpHandler otlp = telemetry.get(path);
                if (otlp != null) {
                    post(exchange, method, path, otlp);
                } else {
                    refuse(exchange, 404, ErrorTypes.NOT_FOUND, "no route for " + method + " " + path
                            + "; this gateway serves POST " + MESSAGES + ", POST " + COUNT_TOKENS + ", GET " + MODELS
                            + " and OTLP POST /v1/metrics, /v1/logs, /v1/traces", null);
                }
            }
        }
    }

    private static void post(HttpServerExchange exchange, HttpString method, String path, HttpHandler handler)
            throws Exception {
        if (Methods.POST.equals(method)) {
            handler.handleRequest(exchange);
        } else {
            refuse(exchange, 405, ErrorTypes.INVALID_REQUEST, "method " + method + " is not allowed on " + path
                    + "; use POST", "POST");
        }
    }

    private static void get(HttpServerExchange exchange, HttpString method, String path, HttpHandler handler)
            throws Exception {
        if (Methods.GET.equals(method)) {
            handler.handleRequest(exchange);
        } else {
            refuse(exchange, 405, ErrorTypes.INVALID_REQUEST, "method " + method + " is not allowed on " + path
                    + "; use GET", "GET");
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
