package io.turnpike.proxy;

/**
 * The last step of the shared Messages pipeline ({@link MessagesHandler}): what an endpoint does with a request
 * that is authenticated, parsed, allowed and routed. {@code /v1/messages} forwards it; {@code count_tokens}
 * counts it.
 */
interface MessagesDispatch {

    /** The API path recorded on the call's event. */
    String endpoint();

    void dispatch(ProxyCall call, MessagesRequest request, Route route, Provider provider);

    /** {@code POST /v1/messages}: the route's overrides applied, then attempts at the provider. */
    static MessagesDispatch forward(UpstreamAttempts attempts) {
        return new MessagesDispatch() {
            @Override
            public String endpoint() {
                return RequestEventFactory.ENDPOINT;
            }

            @Override
            public void dispatch(ProxyCall call, MessagesRequest request, Route route, Provider provider) {
                MessagesRequest forwarded = request.withOverrides(route.overrideParams());
                call.forwardedModel = forwarded.model();
                attempts.run(call, forwarded, route, provider, UpstreamAttempts.MESSAGES);
            }
        };
    }
}
