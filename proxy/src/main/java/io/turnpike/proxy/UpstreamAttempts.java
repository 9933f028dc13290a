package io.turnpike.proxy;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * The proxy's way to the upstream: every routed call goes through here, which runs an {@link AttemptLoop} for it —
 * attempt, decide (commit, or retry after a backoff), publish one {@code UpstreamAttempted} per attempt. One per
 * server; holds what all loops share.
 */
final class UpstreamAttempts {

    /** What an attempt does at a provider: forward a message, or count its tokens. */
    @FunctionalInterface
    interface Operation {
        CompletableFuture<AttemptOutcome> start(Provider provider, ProxyCall call, MessagesRequest request,
                                                ProviderAccount account);
    }

    static final Operation MESSAGES = Provider::attempt;
    static final Operation COUNT_TOKENS = Provider::countTokens;

    final RequestEventSink sink;
    final RetryRule retries;
    final Clock clock;

    UpstreamAttempts(RequestEventSink sink, RetryRule retries, Clock clock) {
        this.sink = sink;
        this.retries = retries;
        this.clock = clock;
    }

    /**
     * Attempts {@code operation} at the route's target until an outcome is committed to the call. A refusal of
     * the first attempt (a {@link ProxyError} the provider throws before sending anything) is thrown to the caller,
     * so an endpoint can answer differently (count_tokens estimates locally on 501).
     */
    void run(ProxyCall call, MessagesRequest request, Route route, Provider provider, Operation operation) {
        new AttemptLoop(this, call, request, route, provider, operation).start();
    }
}
