package io.turnpike.proxy.telemetry;

import io.turnpike.events.telemetry.TelemetryReceived.Signal;
import io.turnpike.events.telemetry.TelemetryReceived;
import io.turnpike.proxy.GatewayDirectory;
import io.turnpike.proxy.RequestEventSink;
import io.turnpike.proxy.auth.KeyAuthenticator;
import io.turnpike.proxy.exchange.ProviderReply;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.exchange.RequestBodyReader;
import io.turnpike.proxy.exchange.RequestIds;
import io.turnpike.proxy.wire.ProxyError;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * {@code POST /v1/metrics}, {@code /v1/logs}, {@code /v1/traces}: the OTLP/HTTP receiver Claude Code's telemetry
 * reaches when it is pointed at the gateway. Authenticated like every endpoint; the export is decoded on a
 * worker thread (gzip and protobuf parsing are CPU work the IO thread should not do), answered with OTLP's empty
 * success body, and recorded as one {@link TelemetryReceived} carrying the caller's attribution. The body itself
 * is never logged or kept.
 */
public final class OtlpHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OtlpHandler.class);

    private final Signal signal;
    private final KeyAuthenticator authenticator;
    private final RequestBodyReader bodies;
    private final OtlpDecoder decoder;
    private final RequestEventSink sink;
    private final Clock clock;

    public OtlpHandler(Signal signal, GatewayDirectory directory, RequestEventSink sink, Clock clock,
                long maxRequestBodyBytes) {
        this.signal = signal;
        this.authenticator = new KeyAuthenticator(directory, sink, clock);
        this.bodies = new RequestBodyReader(maxRequestBodyBytes);
        this.decoder = new OtlpDecoder(maxRequestBodyBytes);
        this.sink = sink;
        this.clock = clock;
    }

    public static String path(Signal signal) {
        return "/v1/" + signal.wireName();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        ProxyCall call = new ProxyCall(exchange, RequestIds.next(), clock.instant(), System.nanoTime());
        try {
            authenticator.admit(call);
            String mediaType = OtlpDecoder.mediaType(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE));
            bodies.read(call, exchange.getConnection().getWorker(), body -> receive(call, mediaType, body));
        } catch (ProxyError error) {
            call.fail(error);
        }
    }

    /** On a worker thread: decode, then answer on the IO thread and publish. */
    private void receive(ProxyCall call, String mediaType, byte[] body) {
        HttpServerExchange exchange = call.exchange();
        try {
            OtlpExport export = decoder.decode(signal, mediaType,
                    exchange.getRequestHeaders().getFirst(Headers.CONTENT_ENCODING), body);
            byte[] answer = OtlpDecoder.successBody(signal, mediaType);
            call.onIoThread(() -> call.reply(new ProviderReply(200, mediaType, answer)));
            sink.publish(event(call, mediaType, export, body.length));
        } catch (ProxyError error) {
            call.onIoThread(() -> call.fail(error));
        } catch (RuntimeException unexpected) {
            LOG.error("telemetry request {} ({}) failed unexpectedly", call.requestId(), signal.wireName(), unexpected);
            call.onIoThread(() -> call.fail(ProxyError.api("internal error in the gateway")));
        }
    }

    private TelemetryReceived event(ProxyCall call, String mediaType, OtlpExport export, long bodyBytes) {
        return new TelemetryReceived(
                TelemetryReceived.SCHEMA_VERSION,
                clock.instant(),
                call.requestId(),
                call.key().keyId(),
                call.metadata().get("tenant"),
                call.metadata().get("team"),
                call.metadata().get("user"),
                call.metadata().get("env"),
                call.metadata(),
                call.configId(),
                signal,
                export.resourceAttributes(),
                export.itemCount(),
                bodyBytes,
                mediaType,
                call.exchange().getRequestHeaders().getFirst(Headers.USER_AGENT));
    }
}
