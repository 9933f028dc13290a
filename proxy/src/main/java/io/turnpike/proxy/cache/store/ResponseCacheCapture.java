package io.turnpike.proxy.cache.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

/**
 * The tee on a cache miss: copies the response bytes as {@link io.turnpike.proxy.exchange.ProxyCall} writes them
 * (without moving the buffers), up to the per-entry limit; past it the copy is dropped and nothing is stored. The
 * client's bytes are never held back for it. Confined to the call's IO thread.
 */
public final class ResponseCacheCapture {
    private final ResponseCacheStore store;
    private final CacheKey key;
    private final Duration maxAge;
    private ByteArrayOutputStream copy = new ByteArrayOutputStream();

    /** @param maxAge how long the stored entry is served; null = until evicted */
    public ResponseCacheCapture(ResponseCacheStore store, CacheKey key, Duration maxAge) {
        this.store = store;
        this.key = key;
        this.maxAge = maxAge;
    }

    public void accept(ByteBuffer[] buffers) {
        if (copy == null) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            ByteBuffer view = buffer.duplicate();
            if (copy.size() + (long) view.remaining() > store.maxEntryBytes()) {
                copy = null; // too large to keep: relay only
                return;
            }
            byte[] bytes = new byte[view.remaining()];
            view.get(bytes);
            copy.write(bytes, 0, bytes.length);
        }
    }

    /** The response ended complete with a 200: store what was sent. */
    public void complete(String contentType) {
        if (copy == null) {
            return;
        }
        Instant now = store.clock().instant();
        store.put(key, new ResponseCacheEntry(contentType, copy.toByteArray(),
                maxAge == null ? null : now.plus(maxAge)));
        copy = null;
    }
}
