package io.turnpike.proxy.providers;

import io.turnpike.proxy.exchange.ProxyCall;

import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * A live upstream answer: status and headers arrived, the body is still upstream. Committing runs the provider's
 * relay (headers to the client, then the body chunk by chunk, e.g. through {@link UpstreamRelay}); discarding
 * cancels the body so the connection is released.
 */
public final class UpstreamResponse implements AttemptOutcome {
    private final int status;
    private final HttpHeaders headers;
    private final Consumer<ProxyCall> relay;
    private final Runnable discard;

    UpstreamResponse(int status, HttpHeaders headers, Consumer<ProxyCall> relay, Runnable discard) {
        this.status = status;
        this.headers = headers;
        this.relay = relay;
        this.discard = discard;
    }

    /** A response whose body publisher is simply cancelled when nobody wants it. */
    public static UpstreamResponse of(int status, HttpHeaders headers, Flow.Publisher<List<ByteBuffer>> body,
                               Consumer<ProxyCall> relay) {
        return new UpstreamResponse(status, headers, relay, () -> cancel(body));
    }

    /** Releases a live body nobody will read. */
    static void cancel(Flow.Publisher<List<ByteBuffer>> body) {
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.cancel();
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        });
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public Retryability retryability() {
        return Retryability.BY_STATUS;
    }

    @Override
    public String upstreamHeader(String name) {
        return headers.firstValue(name).orElse(null);
    }

    @Override
    public void commit(ProxyCall call) {
        relay.accept(call);
    }

    @Override
    public void discard() {
        discard.run();
    }
}
