package io.turnpike.proxy.providers.bedrock;

import io.turnpike.proxy.providers.UpstreamRelay;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Sits between the upstream event-stream body and the {@link UpstreamRelay} that writes to the client: each
 * upstream chunk goes through {@link BedrockEventStream}, and only the SSE bytes it yields travel on, so
 * backpressure, idle timeouts, client disconnects and the usage tap work exactly as for an Anthropic stream.
 * A chunk that completes no frame is not passed on; the next one is requested here instead. Once the
 * translator has ended the stream (exception frame, corrupt frame), the upstream is cancelled.
 *
 * <p>Reactive-streams signals arrive serially, so the translator needs no locking.
 */
final class BedrockStreamRelay implements Flow.Subscriber<List<ByteBuffer>> {
    private final BedrockEventStream translator;
    private final Flow.Subscriber<List<ByteBuffer>> downstream;
    private Flow.Subscription upstream;
    private boolean ended;

    BedrockStreamRelay(BedrockEventStream translator, Flow.Subscriber<List<ByteBuffer>> downstream) {
        this.translator = translator;
        this.downstream = downstream;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        upstream = subscription;
        downstream.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> chunks) {
        if (ended) {
            return;
        }
        ByteArrayOutputStream sse = new ByteArrayOutputStream();
        for (ByteBuffer chunk : chunks) {
            sse.writeBytes(translator.accept(chunk));
        }
        if (sse.size() > 0) {
            downstream.onNext(List.of(ByteBuffer.wrap(sse.toByteArray())));
        } else if (!translator.isTerminated()) {
            upstream.request(1);
        }
        if (translator.isTerminated()) {
            ended = true;
            upstream.cancel();
            downstream.onComplete();
        }
    }

    @Override
    public void onError(Throwable throwable) {
        if (!ended) {
            ended = true;
            downstream.onError(throwable);
        }
    }

    @Override
    public void onComplete() {
        if (ended) {
            return;
        }
        ended = true;
        byte[] tail = translator.finish();
        if (tail.length > 0) {
            downstream.onNext(List.of(ByteBuffer.wrap(tail)));
        }
        downstream.onComplete();
    }
}
