package io.turnpike.proxy;

import io.turnpike.events.request.UpstreamAttempted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.XnioExecutor;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The attempts of one call at its target: start an attempt, wait for its {@link AttemptOutcome} (or the target's
 * {@code request_timeout}), then commit it to the client or discard it and retry after the {@link RetryRule}'s
 * wait. Nothing is retried once an outcome is committed, so no byte of a discarded attempt ever reaches the
 * client. Confined to the call's IO thread; waits are IO-thread timers, never sleeps. A client that leaves stops
 * the loop: a pending retry is cancelled, and an answer still on its way is discarded when it arrives.
 */
final class AttemptLoop {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptLoop.class);

    private final UpstreamAttempts shared;
    private final ProxyCall call;
    private final MessagesRequest request;
    private final Route route;
    private final Provider provider;
    private final UpstreamAttempts.Operation operation;

    private Instant firstStart;
    private int retryIndex;
    private InFlight current;
    private XnioExecutor.Key retryTimer;

    AttemptLoop(UpstreamAttempts shared, ProxyCall call, MessagesRequest request, Route route, Provider provider,
                UpstreamAttempts.Operation operation) {
        this.shared = shared;
        this.call = call;
        this.request = request;
        this.route = route;
        this.provider = provider;
        this.operation = operation;
    }

    /** One attempt, from start until its outcome is settled (decided on) once. */
    private static final class InFlight {
        final int attemptIndex;
        final int retryIndex;
        final Instant startedAt;
        final long startNanos;
        XnioExecutor.Key timeout;
        boolean settled;

        InFlight(int attemptIndex, int retryIndex, Instant startedAt, long startNanos) {
            this.attemptIndex = attemptIndex;
            this.retryIndex = retryIndex;
            this.startedAt = startedAt;
            this.startNanos = startNanos;
        }
    }

    void start() {
        call.configVersion = route.configVersion();
        call.targetPath = route.targetPath();
        call.onAbort(this::stop);
        firstStart = shared.clock.instant();
        launch(true);
    }

    private void launch(boolean first) {
        retryTimer = null;
        InFlight attempt = new InFlight(call.attempts, retryIndex, shared.clock.instant(), System.nanoTime());
        CompletableFuture<AttemptOutcome> outcome;
        try {
            outcome = operation.start(provider, call, request, route.provider());
        } catch (ProxyError refused) {
            if (first) {
                throw refused;
            }
            call.fail(refused);
            return;
        } catch (RuntimeException unexpected) {
            if (first) {
                throw unexpected;
            }
            LOG.error("request {}: retry failed unexpectedly", call.requestId, unexpected);
            call.fail(ProxyError.api("internal error in the gateway"));
            return;
        }
        call.attempts++;
        current = attempt;
        Duration requestTimeout = route.policy().requestTimeout();
        if (requestTimeout != null) {
            attempt.timeout = call.exchange.getIoThread().executeAfter(() -> timedOut(attempt, requestTimeout),
                    requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        outcome.whenComplete((result, failure) -> call.onIoThread(() -> arrived(attempt, result, failure)));
    }

    private void arrived(InFlight attempt, AttemptOutcome outcome, Throwable failure) {
        if (failure != null) {
            LOG.error("request {}: attempt {} failed unexpectedly", call.requestId, attempt.attemptIndex, failure);
            outcome = AttemptFailure.notSent(ProxyError.api("internal error in the gateway"));
        }
        if (attempt.settled) {
            outcome.discard(); // too late: the attempt timed out and was already decided on
            return;
        }
        settle(attempt, outcome);
    }

    private void timedOut(InFlight attempt, Duration requestTimeout) {
        if (attempt.settled) {
            return;
        }
        attempt.timeout = null;
        settle(attempt, AttemptFailure.noAnswer(ProxyError.timeout("provider \"" + route.provider().id()
                + "\" did not answer within the target's request_timeout of " + requestTimeout.toMillis() + " ms"),
                AttemptFailure.REQUEST_TIMEOUT));
    }

    private void settle(InFlight attempt, AttemptOutcome outcome) {
        attempt.settled = true;
        if (attempt.timeout != null) {
            attempt.timeout.remove();
            attempt.timeout = null;
        }
        if (current == attempt) {
            current = null;
        }
        publish(attempt, outcome);
        if (call.isFinished()) {
            outcome.discard();
            return;
        }
        Optional<Duration> wait = shared.retries.nextDelay(route.policy(), outcome, retryIndex, firstStart,
                shared.clock.instant());
        if (wait.isEmpty()) {
            commit(outcome);
            return;
        }
        outcome.discard();
        retryIndex++;
        LOG.debug("request {}: retry {} of {} in {} ms after status {}", call.requestId, retryIndex,
                route.targetPath(), wait.get().toMillis(), outcome.status());
        retryTimer = call.exchange.getIoThread().executeAfter(() -> {
            if (!call.isFinished()) {
                launch(false);
            }
        }, wait.get().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void commit(AttemptOutcome outcome) {
        call.retryCount = retryIndex;
        try {
            outcome.commit(call);
        } catch (RuntimeException unexpected) {
            LOG.error("request {}: relaying the answer failed", call.requestId, unexpected);
            outcome.discard();
            call.fail(ProxyError.api("internal error in the gateway"));
        }
    }

    /** The call ended early (client gone): no further attempt; an answer still on its way is discarded. */
    private void stop() {
        if (retryTimer != null) {
            retryTimer.remove();
            retryTimer = null;
        }
        InFlight attempt = current;
        if (attempt != null && attempt.timeout != null) {
            // Its outcome still arrives, is recorded with what the upstream really did, and is discarded.
            attempt.timeout.remove();
            attempt.timeout = null;
        }
    }

    private void publish(InFlight attempt, AttemptOutcome outcome) {
        try {
            shared.sink.publish(new UpstreamAttempted(UpstreamAttempted.SCHEMA_VERSION, call.requestId, call.traceId,
                    attempt.attemptIndex, attempt.retryIndex, route.targetPath(), route.provider().id(),
                    route.provider().type(), request.model(), outcome.status(),
                    (System.nanoTime() - attempt.startNanos) / 1_000_000, outcome.errorType(), outcome.errorClass(),
                    attempt.startedAt, shared.clock.instant()));
        } catch (RuntimeException e) {
            LOG.error("could not publish an attempt of request {}", call.requestId, e);
        }
    }
}
