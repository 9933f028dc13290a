package io.turnpike.proxy.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.proxy.attempts.UpstreamAttempts;
import io.turnpike.proxy.exchange.ProviderReply;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.exchange.RequestEventFactory;
import io.turnpike.proxy.providers.Provider;
import io.turnpike.proxy.routing.RoutingPlan;
import io.turnpike.proxy.usage.TokenEstimator;
import io.turnpike.proxy.wire.MessagesRequest;
import io.turnpike.proxy.wire.ProxyError;
import io.undertow.util.HttpString;

/**
 * {@code POST /v1/messages/count_tokens}: the provider counts if it can ({@link Provider#countTokens}); a
 * provider that cannot (the interface's default 501) gets a local {@link TokenEstimator} answer instead, flagged
 * {@code x-turnpike-token-count: estimated}. Only the route's {@code model} override applies: other overrides
 * ({@code max_tokens}, {@code temperature} …) are generation parameters the counting API refuses.
 */
public final class CountTokensDispatch implements MessagesDispatch {
    static final HttpString TOKEN_COUNT = new HttpString("x-turnpike-token-count");
    static final String PROVIDER_COUNT = "provider";
    static final String ESTIMATED = "estimated";

    private final UpstreamAttempts attempts;

    public CountTokensDispatch(UpstreamAttempts attempts) {
        this.attempts = attempts;
    }

    @Override
    public String endpoint() {
        return RequestEventFactory.COUNT_TOKENS_ENDPOINT;
    }

    @Override
    public void dispatch(ProxyCall call, MessagesRequest request, RoutingPlan plan) {
        MessagesRequest counted = request.withOverrides(modelOverrideOnly(plan.first().overrideParams()));
        call.forwarding(counted.model());
        call.exchange().getResponseHeaders().put(TOKEN_COUNT, PROVIDER_COUNT);
        try {
            attempts.run(call, request, plan, UpstreamAttempts.COUNT_TOKENS,
                    (client, target) -> client.withOverrides(modelOverrideOnly(target.overrideParams())));
        } catch (ProxyError error) {
            if (error.status() != 501 || call.isResponseStarted()) {
                throw error;
            }
            call.exchange().getResponseHeaders().put(TOKEN_COUNT, ESTIMATED);
            call.reply(ProviderReply.tokenCount(TokenEstimator.estimate(counted.body())));
        }
    }

    private static ObjectNode modelOverrideOnly(ObjectNode overrides) {
        if (overrides == null || !overrides.hasNonNull("model")) {
            return null;
        }
        ObjectNode model = JsonNodeFactory.instance.objectNode();
        model.set("model", overrides.get("model"));
        return model;
    }
}
