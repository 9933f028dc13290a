package io.turnpike.proxy.attempts;

import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.RequestEventSink;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.health.TargetHealth;
import io.turnpike.proxy.providers.AttemptOutcome;
import io.turnpike.proxy.providers.Provider;
import io.turnpike.proxy.retry.RetryRule;
import io.turnpike.proxy.routing.Route;
import io.turnpike.proxy.routing.RoutingPlan;
import io.turnpike.proxy.wire.MessagesRequest;
import io.turnpike.proxy.wire.ProxyError;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * The proxy's way to the upstream: every routed call goes through here, which runs an {@link AttemptLoop} for it —
 * attempt, decide (commit, retry after a backoff, or fall back to the plan's next target), publish one
 * {@code UpstreamAttempted} per attempt. One per server; holds what all loops share.
 */
public final class UpstreamAttempts {

    /** What an attempt does at a provider: forward a message, or count its tokens. */
    @FunctionalInterface
    interface Operation {
        CompletableFuture<AttemptOutcome> start(Provider provider, ProxyCall call, MessagesRequest request,
                                                ProviderAccount account);
    }

    /** The body one target gets: the client's request with (some of) the target's {@code override_params}. */
    @FunctionalInterface
    public interface RequestShaper {
        MessagesRequest forTarget(MessagesRequest request, Route route);
    }

    public static final Operation MESSAGES = Provider::attempt;
    public static final Operation COUNT_TOKENS = Provider::countTokens;

    final RequestEventSink sink;
    final RetryRule retries;
    final Clock clock;
    final TargetHealth health;

    public UpstreamAttempts(RequestEventSink sink, RetryRule retries, Clock clock) {
        this(sink, retries, clock, TargetHealth.ALWAYS_AVAILABLE);
    }

    public UpstreamAttempts(RequestEventSink sink, RetryRule retries, Clock clock, TargetHealth health) {
        this.sink = sink;
        this.retries = retries;
        this.clock = clock;
        this.health = health;
    }

    /**
     * Attempts {@code operation} along the plan until an outcome is committed to the call. A refusal of the first
     * attempt (a {@link ProxyError} the provider throws before sending anything) with no target to fall back to is
     * thrown to the caller, so an endpoint can answer differently (count_tokens estimates locally on 501).
     */
    public void run(ProxyCall call, MessagesRequest request, RoutingPlan plan, Operation operation,
                    RequestShaper shaper) {
        new AttemptLoop(this, call, request, plan, operation, shaper).start();
    }
}
