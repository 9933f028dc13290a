package io.turnpike.proxy.providers.vertex;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Reads a small upstream body whole (an error, a token count) up to a cap; a longer body is cut at the cap,
 * which is plenty to recognise an error and keeps a misbehaving upstream from filling the heap.
 */
final class VertexBodyCollector implements Flow.Subscriber<List<ByteBuffer>> {
    static final int MAX_BYTES = 64 * 1024;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    CompletableFuture<byte[]> body() {
        return body;
    }

    /** Stops reading (client gone, or nobody waits any more). */
    void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        body.cancel(false);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (body.isDone()) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> chunks) {
        for (ByteBuffer chunk : chunks) {
            int room = MAX_BYTES - bytes.size();
            int take = Math.min(room, chunk.remaining());
            byte[] part = new byte[take];
            chunk.get(part);
            bytes.writeBytes(part);
        }
        if (bytes.size() >= MAX_BYTES) {
            subscription.cancel();
            body.complete(bytes.toByteArray());
        }
    }

    @Override
    public void onError(Throwable throwable) {
        body.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        body.complete(bytes.toByteArray());
    }
}
