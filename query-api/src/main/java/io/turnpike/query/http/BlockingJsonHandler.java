package io.turnpike.query.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an admin or query action on a worker thread (they block on the event store or ClickHouse), after the
 * body has been read without blocking, and turns failures into error envelopes.
 */
public final class BlockingJsonHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BlockingJsonHandler.class);
    private static final int MAX_BODY_BYTES = 1 << 20;

    /** The action: given the exchange and its (possibly empty) body, writes the response. */
    @FunctionalInterface
    public interface Action {
        void handle(HttpServerExchange exchange, byte[] body) throws Exception;
    }

    private final Action action;
    private final ErrorTranslator errors;

    public BlockingJsonHandler(Action action, ErrorTranslator errors) {
        this.action = action;
        this.errors = errors;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        long declared = exchange.getRequestContentLength();
        if (declared > MAX_BODY_BYTES) {
            JsonExchange.sendError(exchange, new ApiError(413, "request_too_large",
                    "request body exceeds " + MAX_BODY_BYTES + " bytes", null));
            return;
        }
        exchange.getRequestReceiver().receiveFullBytes(
                (ex, body) -> ex.dispatch(() -> run(ex, body)),
                (ex, failure) -> JsonExchange.sendError(ex, ApiError.invalid(null, "cannot read request body")));
    }

    private void run(HttpServerExchange exchange, byte[] body) {
        try {
            if (body.length > MAX_BODY_BYTES) {
                throw new ApiError(413, "request_too_large", "request body exceeds " + MAX_BODY_BYTES + " bytes", null);
            }
            action.handle(exchange, body);
        } catch (Exception e) {
            ApiError error = errors.translate(e);
            if (error.status() >= 500) {
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
            }
            JsonExchange.sendError(exchange, error);
        }
    }
}
