package io.turnpike.proxy.attempts;

import io.turnpike.events.request.UpstreamAttempted;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.health.TargetHealthSignal;
import io.turnpike.proxy.providers.AttemptFailure;
import io.turnpike.proxy.providers.AttemptOutcome;
import io.turnpike.proxy.providers.Provider;
import io.turnpike.proxy.retry.RetryRule;
import io.turnpike.proxy.routing.Route;
import io.turnpike.proxy.routing.RoutingPlan;
import io.turnpike.proxy.wire.MessagesRequest;
import io.turnpike.proxy.wire.ProxyError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.XnioExecutor;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The attempts of one call along its {@link RoutingPlan}: start an attempt at the current target, wait for its
 * {@link AttemptOutcome} (or the target's {@code request_timeout}), then decide — retry the same target after the
 * {@link RetryRule}'s wait, else move to the plan's next target (fallback), else commit the outcome to the client.
 * Every decision is taken before commit, so no byte of a discarded attempt ever reaches the client and nothing is
 * retried or fallen back from once the client has seen a byte. Confined to the call's IO thread; waits are
 * IO-thread timers, never sleeps. A client that leaves stops the loop: a pending retry is cancelled, and an answer
 * still on its way is discarded when it arrives.
 */
final class AttemptLoop {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptLoop.class);
    /** How a target skipped for its open circuit counts for the fallback decision: like no answer at all. */
    private static final AttemptFailure CIRCUIT_OPEN = AttemptFailure.noAnswer(
            ProxyError.overloaded("the target's circuit breaker is open", null), "circuit_open");

    private final UpstreamAttempts shared;
    private final ProxyCall call;
    private final MessagesRequest request;
    private final RoutingPlan plan;
    private final UpstreamAttempts.Operation operation;
    private final UpstreamAttempts.RequestShaper shaper;

    private Route route;
    private Instant firstStart;
    /** Retries of the current target so far. */
    private int retryIndex;
    private boolean launchedAny;
    private InFlight current;
    private XnioExecutor.Key retryTimer;

    AttemptLoop(UpstreamAttempts shared, ProxyCall call, MessagesRequest request, RoutingPlan plan,
                UpstreamAttempts.Operation operation, UpstreamAttempts.RequestShaper shaper) {
        this.shared = shared;
        this.call = call;
        this.request = request;
        this.plan = plan;
        this.operation = operation;
        this.shaper = shaper;
    }

    /** One attempt, from start until its outcome is settled (decided on) once. */
    private static final class InFlight {
        final Route route;
        final int attemptIndex;
        final int retryIndex;
        final Instant startedAt;
        final long startNanos;
        /** The model the target was asked for (after its override_params). */
        String model;
        XnioExecutor.Key timeout;
        boolean settled;

        InFlight(Route route, int attemptIndex, int retryIndex, Instant startedAt, long startNanos) {
            this.route = route;
            this.attemptIndex = attemptIndex;
            this.retryIndex = retryIndex;
            this.startedAt = startedAt;
            this.startNanos = startNanos;
        }
    }

    void start() {
        call.onAbort(this::stop);
        firstStart = shared.clock.instant();
        moveTo(plan.first());
        launch();
    }

    /** The call now tries {@code next}: the routing headers and the event name it until another takes over. */
    private void moveTo(Route next) {
        route = next;
        retryIndex = 0;
        call.targeting(next.configVersion(), next.target(), next.provider());
    }

    private void launch() {
        retryTimer = null;
        if (!shared.health.allowRequest(route.breaker()) && !plan.chosenDespiteHealth()) {
            // Open breaker (or another request holds its half-open probe): move on if the plan has somewhere else
            // to go; with nowhere else, try anyway — a breaker steers between alternatives, it never makes a
            // request that might succeed fail for certain. A target the plan chose although every alternative was
            // open is sent to as well, so that with all circuits open the targets are tried in their usual order
            // (skipping here would leave only the last one).
            Route next = nextTarget(CIRCUIT_OPEN);
            if (next != null) {
                LOG.debug("request {}: skipping {}, its circuit is open", call.requestId(), route.targetPath());
                moveTo(next);
                launch();
                return;
            }
        }
        InFlight attempt = new InFlight(route, call.attempts(), retryIndex, shared.clock.instant(), System.nanoTime());
        CompletableFuture<AttemptOutcome> outcome;
        try {
            Provider provider = plan.provider(route);
            MessagesRequest forwarded = shaper.forTarget(request, route);
            call.forwarding(forwarded.model());
            attempt.model = forwarded.model();
            outcome = operation.start(provider, call, forwarded, route.provider());
        } catch (ProxyError refused) {
            // Nothing was sent: says nothing about the upstream, and frees a half-open probe slot if this took it.
            shared.health.record(route.breaker(), TargetHealthSignal.IGNORED, null);
            refusedBeforeSending(refused);
            return;
        } catch (RuntimeException unexpected) {
            shared.health.record(route.breaker(), TargetHealthSignal.IGNORED, null);
            if (!launchedAny) {
                throw unexpected;
            }
            LOG.error("request {}: an attempt at {} failed unexpectedly", call.requestId(), route.targetPath(),
                    unexpected);
            call.fail(ProxyError.api("internal error in the gateway"));
            return;
        }
        launchedAny = true;
        call.attemptMade();
        current = attempt;
        Duration requestTimeout = route.policy().requestTimeout();
        if (requestTimeout != null) {
            attempt.timeout = call.exchange().getIoThread().executeAfter(() -> timedOut(attempt, requestTimeout),
                    requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        outcome.whenComplete((result, failure) -> call.onIoThread(() -> arrived(attempt, result, failure)));
    }

    /**
     * The provider refused before sending anything (missing credentials, unsupported operation): not an attempt,
     * but the plan may still have another target. With none, the first refusal of the call goes to the caller.
     */
    private void refusedBeforeSending(ProxyError refused) {
        Route next = nextTarget(AttemptFailure.notSent(refused));
        if (next != null) {
            moveTo(next);
            launch();
            return;
        }
        if (!launchedAny) {
            throw refused;
        }
        call.fail(refused);
    }

    private void arrived(InFlight attempt, AttemptOutcome outcome, Throwable failure) {
        if (failure != null) {
            LOG.error("request {}: attempt {} failed unexpectedly", call.requestId(), attempt.attemptIndex, failure);
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
        settle(attempt, AttemptFailure.noAnswer(ProxyError.timeout("provider \"" + attempt.route.provider().id()
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
        record(attempt.route, outcome);
        if (call.isFinished()) {
            outcome.discard();
            return;
        }
        Optional<Duration> wait = shared.retries.nextDelay(route.policy(), outcome, retryIndex, firstStart,
                shared.clock.instant());
        if (wait.isPresent()) {
            outcome.discard();
            retryIndex++;
            LOG.debug("request {}: retry {} of {} in {} ms after status {}", call.requestId(), retryIndex,
                    route.targetPath(), wait.get().toMillis(), outcome.status());
            retryTimer = call.exchange().getIoThread().executeAfter(() -> {
                if (!call.isFinished()) {
                    launch();
                }
            }, wait.get().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        Route next = nextTarget(outcome);
        if (next == null) {
            commit(outcome);
            return;
        }
        outcome.discard();
        LOG.debug("request {}: falling back from {} to {} after status {}", call.requestId(), route.targetPath(),
                next.targetPath(), outcome.status());
        moveTo(next);
        launch();
    }

    /** The plan's next target after {@code outcome}, or null when it stands. */
    private Route nextTarget(AttemptOutcome outcome) {
        try {
            return plan.next(outcome);
        } catch (ProxyError misconfigured) {
            // A provider unregistered under a saved config: the outcome so far stands rather than a 500 for it.
            LOG.warn("request {}: cannot fall back: {}", call.requestId(), misconfigured.getMessage());
            return null;
        }
    }

    private void commit(AttemptOutcome outcome) {
        call.answeredAfterRetries(retryIndex);
        try {
            outcome.commit(call);
        } catch (RuntimeException unexpected) {
            LOG.error("request {}: relaying the answer failed", call.requestId(), unexpected);
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

    private void record(Route target, AttemptOutcome outcome) {
        try {
            shared.health.record(target.breaker(), outcome);
        } catch (RuntimeException e) {
            LOG.error("request {}: could not record the health of {}", call.requestId(), target.targetPath(), e);
        }
    }

    private void publish(InFlight attempt, AttemptOutcome outcome) {
        Route target = attempt.route;
        try {
            shared.sink.publish(new UpstreamAttempted(UpstreamAttempted.SCHEMA_VERSION, call.requestId(),
                    call.traceId(), attempt.attemptIndex, attempt.retryIndex, target.targetPath(),
                    target.provider().id(), target.provider().type(), attempt.model, outcome.status(),
                    (System.nanoTime() - attempt.startNanos) / 1_000_000, outcome.errorType(), outcome.errorClass(),
                    attempt.startedAt, shared.clock.instant()));
        } catch (RuntimeException e) {
            LOG.error("could not publish an attempt of request {}", call.requestId(), e);
        }
    }
}
