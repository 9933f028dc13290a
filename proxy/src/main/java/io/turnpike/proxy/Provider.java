package io.turnpike.proxy;

/**
 * One provider type ({@code mock}, {@code anthropic}, …). Answers a routed call on the IO thread: either at
 * once (the mock) or by starting a non-blocking upstream exchange that answers the call later. Failures known
 * before anything was sent upstream are thrown as {@link ProxyError}.
 */
interface Provider {
    /** The {@code type} of provider accounts this implementation serves. */
    String type();

    void forward(ProxyCall call, MessagesRequest request, ProviderAccount account);
}
