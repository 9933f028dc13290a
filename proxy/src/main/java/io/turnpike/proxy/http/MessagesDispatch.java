package io.turnpike.proxy.http;

import io.turnpike.proxy.attempts.UpstreamAttempts;
import io.turnpike.proxy.cache.ResponseCache;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.exchange.RequestEventFactory;
import io.turnpike.proxy.routing.Route;
import io.turnpike.proxy.routing.RoutingPlan;
import io.turnpike.proxy.wire.MessagesRequest;

/**
 * The last step of the shared Messages pipeline ({@link MessagesHandler}): what an endpoint does with a request
 * that is authenticated, parsed, allowed and routed. {@code /v1/messages} forwards it; {@code count_tokens}
 * counts it.
 */
public interface MessagesDispatch {

    /** The API path recorded on the call's event. */
    String endpoint();

    /** Runs the request along its plan ({@link RoutingPlan#first()} first, then any fallback targets). */
    void dispatch(ProxyCall call, MessagesRequest request, RoutingPlan plan);

    /** {@code POST /v1/messages}: the route's overrides applied, then attempts at the provider; no cache. */
    static MessagesDispatch forward(UpstreamAttempts attempts) {
        return forward(attempts, null);
    }

    /**
     * {@code POST /v1/messages}: the route's overrides applied, then the response cache (when the chosen target
     * has a {@code cache} policy) and, unless it answered, attempts at the provider.
     */
    static MessagesDispatch forward(UpstreamAttempts attempts, ResponseCache cache) {
        return new MessagesDispatch() {
            @Override
            public String endpoint() {
                return RequestEventFactory.ENDPOINT;
            }

            @Override
            public void dispatch(ProxyCall call, MessagesRequest request, RoutingPlan plan) {
                Route route = plan.first();
                MessagesRequest forwarded = request.withOverrides(route.overrideParams());
                call.forwarding(forwarded.model());
                if (cache != null) {
                    // Known before any attempt: a hit is recorded as answered by this target, with 0 attempts.
                    call.targeting(route.configVersion(), route.target(), route.provider());
                    if (cache.answerOrCapture(call, forwarded, route.target().cache())) {
                        return;
                    }
                }
                // Each target gets the client's body with its own override_params (fallback may cross providers).
                attempts.run(call, request, plan, UpstreamAttempts.MESSAGES,
                        (client, target) -> client.withOverrides(target.overrideParams()));
            }
        };
    }
}
