package io.turnpike.proxy.exchange;

import io.turnpike.proxy.wire.ProxyError;
import io.undertow.server.HttpServerExchange;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Reads a request body without blocking, counting as it goes. Undertow's own entity limit would cut a chunked
 * upload's connection without an answer; counting here lets the client get its 413.
 */
public final class RequestBodyReader {
    private final long maxRequestBodyBytes;

    public RequestBodyReader(long maxRequestBodyBytes) {
        this.maxRequestBodyBytes = maxRequestBodyBytes;
    }

    long maxRequestBodyBytes() {
        return maxRequestBodyBytes;
    }

    /**
     * Reads the whole body, then runs {@code onBody} on {@code executor} (the IO thread's
     * {@code SameThreadExecutor} for cheap work, a worker for CPU-heavy decoding). Dispatching keeps the exchange
     * open after the callback returns, for work that answers later.
     */
    public void read(ProxyCall call, Executor executor, Consumer<byte[]> onBody) {
        HttpServerExchange exchange = call.exchange();
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
                        ex.dispatch(executor, () -> onBody.accept(body.toByteArray()));
                    }
                },
                (ex, failure) -> call.clientGone());
    }

    ProxyError tooLarge() {
        return ProxyError.requestTooLarge("request body exceeds the maximum of " + maxRequestBodyBytes + " bytes");
    }
}
