package io.turnpike.proxy.providers;

import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.wire.ErrorTypes;
import io.turnpike.proxy.wire.ProxyError;
import org.xnio.XnioExecutor;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Moves an upstream response body to the client chunk by chunk, with backpressure: one chunk is requested,
 * written, and only when Undertow reports it written is the next one requested. Every signal hops to the
 * exchange's IO thread, so the state below is single-threaded. A silence longer than the read timeout, an
 * upstream failure or an early end are reported to the client (SSE error frame) rather than hidden.
 */
public final class UpstreamRelay implements Flow.Subscriber<List<ByteBuffer>> {
    private final ProxyCall call;
    private final Duration readTimeout;

    private Flow.Subscription subscription;
    private XnioExecutor.Key idleTimer;
    private boolean writing;
    private boolean completed;
    private ProxyError failure;
    private boolean done;

    public UpstreamRelay(ProxyCall call, Duration readTimeout) {
        this.call = call;
        this.readTimeout = readTimeout;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        call.onIoThread(() -> {
            subscription = s;
            if (call.isFinished()) {
                s.cancel();
                return;
            }
            call.onAbort(this::cancel);
            requestNext();
        });
    }

    @Override
    public void onNext(List<ByteBuffer> chunks) {
        call.onIoThread(() -> {
            if (done) {
                return;
            }
            disarmIdleTimer();
            writing = true;
            call.write(chunks.toArray(ByteBuffer[]::new), () -> {
                writing = false;
                if (failure != null) {
                    failNow();
                } else if (completed) {
                    completeNow();
                } else {
                    requestNext();
                }
            });
        });
    }

    @Override
    public void onError(Throwable throwable) {
        call.onIoThread(() -> {
            if (done) {
                return;
            }
            disarmIdleTimer();
            failure = ProxyError.api("the upstream response broke off: " + throwable.getClass().getSimpleName());
            if (!writing) {
                failNow();
            }
        });
    }

    @Override
    public void onComplete() {
        call.onIoThread(() -> {
            if (done) {
                return;
            }
            disarmIdleTimer();
            completed = true;
            if (!writing) {
                completeNow();
            }
        });
    }

    private void requestNext() {
        armIdleTimer();
        subscription.request(1);
    }

    private void completeNow() {
        done = true;
        call.end();
    }

    private void failNow() {
        done = true;
        call.fail(failure);
    }

    private void cancel() {
        done = true;
        disarmIdleTimer();
        if (subscription != null) {
            subscription.cancel();
        }
    }

    private void armIdleTimer() {
        idleTimer = call.exchange().getIoThread().executeAfter(() -> {
            if (done) {
                return;
            }
            cancel();
            call.fail(new ProxyError(504, ErrorTypes.TIMEOUT, "the upstream sent nothing for "
                    + readTimeout.toSeconds() + " s"));
        }, readTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void disarmIdleTimer() {
        if (idleTimer != null) {
            idleTimer.remove();
            idleTimer = null;
        }
    }
}
