package io.turnpike.proxy;

import io.turnpike.events.request.RequestCompleted;

/** Where finished requests go. Called on Undertow IO threads: {@link #publish} must never block. */
public interface RequestEventSink extends AutoCloseable {

    void publish(RequestCompleted event);

    @Override
    default void close() {
    }
}
