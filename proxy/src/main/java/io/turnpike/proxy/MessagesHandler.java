package io.turnpike.proxy;

import io.turnpike.events.request.RequestCompleted;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.Map;

/**
 * {@code POST /v1/messages}: authenticate, read metadata, read the body without blocking, route, hand to the
 * provider; when the exchange completes (sent, failed or abandoned), publish one {@link RequestCompleted}.
 * Everything runs on the IO thread; nothing here blocks.
 */
final class MessagesHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MessagesHandler.class);

    private final GatewayDirectory directory;
    private final RouteResolver routes;
    private final Providers providers;
    private final RequestEventFactory events;
    private final RequestEventSink sink;
    private final Clock clock;
    private final long maxRequestBodyBytes;

    MessagesHandler(GatewayDirectory directory, Providers providers,
                    RequestEventFactory events, RequestEventSink sink, Clock clock, long maxRequestBodyBytes) {
        this.directory = directory;
        this.routes = new RouteResolver(directory);
        this.providers = providers;
        this.events = events;
        this.sink = sink;
        this.clock = clock;
        this.maxRequestBodyBytes = maxRequestBodyBytes;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        ProxyCall call = new ProxyCall(exchange, RequestIds.next(), clock.instant(), System.nanoTime());
        exchange.addExchangeCompleteListener((ex, next) -> {
            try {
                call.markFinished();
                publish(call);
            } finally {
                next.proceed();
            }
        });
        try {
            authenticate(call);
            readMetadata(call);
            readBody(call);
        } catch (ProxyError error) {
            call.fail(error);
        }
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

    /**
     * Reads the body without blocking, counting as it goes. Undertow's own entity limit would cut a chunked
     * upload's connection without an answer; counting here lets the client get its 413.
     */
    private void readBody(ProxyCall call) {
        HttpServerExchange exchange = call.exchange;
        long declaredLength = exchange.getRequestContentLength();
        if (declaredLength > maxRequestBodyBytes) {
            throw tooLarge();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(declaredLength > 0 ? (int) declaredLength : 8192);
        exchange.getRequestReceiver().receivePartialBytes(
                (ex, chunk, last) -> {
                    if (call.isFinished()) {
                        return;
                    }
                    if (body.size() + (long) chunk.length > maxRequestBodyBytes) {
                        ex.getRequestReceiver().pause();
                        call.fail(tooLarge());
                        return;
                    }
                    body.writeBytes(chunk);
                    if (last) {
                        // Dispatching keeps the exchange open after this callback returns, for the async upstream.
                        ex.dispatch(SameThreadExecutor.INSTANCE, () -> route(call, body.toByteArray()));
                    }
                },
                (ex, failure) -> call.clientGone());
    }

    private void route(ProxyCall call, byte[] body) {
        try {
            MessagesRequest request = MessagesRequest.parse(body);
            call.requestedModel = request.model();
            call.stream = request.stream();
            Route route = routes.resolve(call.configId);
            call.provider = route.provider();
            request = request.withOverrides(route.overrideParams());
            call.forwardedModel = request.model();
            providers.forAccount(route.provider()).forward(call, request, route.provider());
        } catch (ProxyError error) {
            call.fail(error);
        } catch (RuntimeException unexpected) {
            LOG.error("request {} failed unexpectedly", call.requestId, unexpected);
            call.fail(ProxyError.api("internal error in the gateway"));
        }
    }

    private ProxyError tooLarge() {
        return new ProxyError(413, ErrorTypes.REQUEST_TOO_LARGE,
                "request body exceeds the maximum of " + maxRequestBodyBytes + " bytes");
    }

    private void publish(ProxyCall call) {
        if (call.key == null) {
            return; // unauthenticated traffic is nobody's spend
        }
        try {
            sink.publish(events.completed(call, clock.instant(), System.nanoTime()));
        } catch (RuntimeException e) {
            LOG.error("could not publish the event for request {}", call.requestId, e);
        }
    }

    private static String firstHeader(HttpServerExchange exchange, String name, String alias) {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value == null || value.isBlank()) {
            value = exchange.getRequestHeaders().getFirst(alias);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
