package io.turnpike.proxy.exchange;

import io.turnpike.proxy.wire.ProxyError;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Stands between an upstream body and the client (output guardrails): sees every upstream chunk and decides what
 * the client gets and when. Runs on the call's IO thread; {@code emit} may be called later (after an evaluation
 * on a worker), and the next chunk is only read once it has been. Instead of emitting, a filter may fail the call.
 */
public interface ResponseFilter {
    ByteBuffer[] NOTHING = new ByteBuffer[0];

    /** Takes upstream bytes and calls {@code emit} once with what the client may see now (possibly nothing). */
    void accept(ByteBuffer[] upstream, Consumer<ByteBuffer[]> emit);

    /** The upstream body ended: calls {@code emit} once with what remains, or fails the call. */
    void finish(Consumer<ByteBuffer[]> emit);

    /**
     * The response ends without {@link #finish} (the upstream broke off, the client left, the call failed): record
     * what was decided so far. Nothing more is emitted.
     */
    default void abandon() {
    }

    /** Chooses the filter for a committed response, or null for none. */
    interface Factory {
        /** @throws ProxyError when the response must not be sent (e.g. a guardrail cannot be found) */
        ResponseFilter open(ProxyCall call, int status, String contentType);
    }
}
