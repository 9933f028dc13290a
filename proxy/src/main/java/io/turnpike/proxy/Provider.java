package io.turnpike.proxy;

/**
 * One provider type ({@code mock}, {@code anthropic}, …). Answers a routed call on the IO thread: either at
 * once (the mock) or by starting a non-blocking upstream exchange that answers the call later. Failures known
 * before anything was sent upstream are thrown as {@link ProxyError}.
 */
interface Provider {
    /** The {@code type} of provider accounts this implementation serves. */
    String type();

    /** {@code POST /v1/messages}. */
    void forward(ProxyCall call, MessagesRequest request, ProviderAccount account);

    /**
     * {@code POST /v1/messages/count_tokens}: answers {@code {"input_tokens": n}}. Providers with a native
     * counting API override this; the default refuses, and the route decides what to do instead.
     */
    default void countTokens(ProxyCall call, MessagesRequest request, ProviderAccount account) {
        throw new ProxyError(501, ErrorTypes.API, "provider type \"" + type() + "\" cannot count tokens");
    }
}
