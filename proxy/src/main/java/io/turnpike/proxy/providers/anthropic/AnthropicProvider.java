package io.turnpike.proxy.providers.anthropic;

import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.providers.AttemptFailure;
import io.turnpike.proxy.providers.AttemptOutcome;
import io.turnpike.proxy.providers.ExtraUpstreamHeaders;
import io.turnpike.proxy.providers.Provider;
import io.turnpike.proxy.providers.UpstreamRelay;
import io.turnpike.proxy.providers.UpstreamResponse;
import io.turnpike.proxy.wire.ErrorTypes;
import io.turnpike.proxy.wire.MessagesRequest;
import io.turnpike.proxy.wire.ProxyError;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;

/**
 * Provider type {@code anthropic}: forwards the (untouched, unless overridden) body to the Messages API with
 * the provider's own key, and relays the response as it arrives. Non-blocking end to end: the JDK client's
 * body publisher is drained one chunk at a time, asking for the next only once Undertow has written the last.
 */
public final class AnthropicProvider implements Provider {
    static final String TYPE = "anthropic";
    static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    static final String DEFAULT_VERSION = "2023-06-01";
    static final String MESSAGES_PATH = "/v1/messages";
    static final String COUNT_TOKENS_PATH = "/v1/messages/count_tokens";

    /** Hop-by-hop or recomputed headers never copied from the upstream response. */
    private static final Set<String> NOT_RELAYED = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "upgrade", "te", "trailer", "proxy-connection", "proxy-authenticate", "request-id",
            ":status");
    private static final HttpString UPSTREAM_REQUEST_ID = new HttpString("upstream-request-id");

    private final HttpClient client;
    private final Duration readTimeout;

    public AnthropicProvider(HttpClient client, Duration readTimeout) {
        this.client = client;
        this.readTimeout = readTimeout;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CompletableFuture<AttemptOutcome> attempt(ProxyCall call, MessagesRequest request,
                                                     ProviderAccount account) {
        return send(call, request, account, MESSAGES_PATH);
    }

    /** Anthropic counts natively: same headers, {@code /v1/messages/count_tokens}, the answer relayed as is. */
    @Override
    public CompletableFuture<AttemptOutcome> countTokens(ProxyCall call, MessagesRequest request,
                                                         ProviderAccount account) {
        return send(call, request, account, COUNT_TOKENS_PATH);
    }

    /** Every answer, errors included, is relayed untouched if committed: the attempt only knows its status. */
    private CompletableFuture<AttemptOutcome> send(ProxyCall call, MessagesRequest request, ProviderAccount account,
                                                   String path) {
        if (account.secret() == null || account.secret().isBlank()) {
            throw ProxyError.api("provider \"" + account.id() + "\" has no API key configured");
        }
        HttpRequest upstream = buildRequest(call.exchange(), request, account, path);
        return client.sendAsync(upstream, HttpResponse.BodyHandlers.ofPublisher())
                .handle((response, failure) -> failure != null
                        ? AttemptFailure.of(failure, translate(failure, account))
                        : UpstreamResponse.of(response.statusCode(), response.headers(), response.body(),
                                client -> relay(client, response)));
    }

    private void relay(ProxyCall call, HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
        relayHeaders(call.exchange(), response.headers());
        call.startResponse(response.statusCode(), response.headers().firstValue("content-type").orElse(null));
        response.body().subscribe(new UpstreamRelay(call, readTimeout));
    }

    /**
     * Only what Anthropic's API needs crosses: the provider's key, {@code anthropic-version},
     * {@code anthropic-beta}, {@code accept}. Client-identifying headers ({@code x-app}, {@code x-stainless-*},
     * {@code x-claude-code-session-id}, {@code user-agent}, the metadata header) stay at the gateway: the upstream
     * account is shared, and the session id is already on the event.
     */
    private HttpRequest buildRequest(HttpServerExchange exchange, MessagesRequest request, ProviderAccount account,
                                     String path) {
        String baseUrl = account.settings().getOrDefault("base_url", DEFAULT_BASE_URL);
        String query = exchange.getQueryString();
        URI uri = URI.create(stripTrailingSlash(baseUrl) + path
                + (query == null || query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                // Plain-http upstreams (tests, local gateways) get HTTP/1.1: no h2c upgrade dance on a POST.
                .version("http".equalsIgnoreCase(uri.getScheme())
                        ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .header("content-type", "application/json")
                .header("accept", firstOr(exchange, "accept", "application/json"))
                .header("anthropic-version", firstOr(exchange, "anthropic-version", DEFAULT_VERSION))
                .header("x-api-key", account.secret())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        HeaderValues betas = exchange.getRequestHeaders().get("anthropic-beta");
        if (betas != null) {
            betas.forEach(beta -> builder.header("anthropic-beta", beta));
        }
        ExtraUpstreamHeaders.apply(account.settings(), builder);
        return builder.build();
    }

    private static void relayHeaders(HttpServerExchange exchange, HttpHeaders upstream) {
        upstream.map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("request-id")) {
                exchange.getResponseHeaders().putAll(UPSTREAM_REQUEST_ID, values);
            } else if (!NOT_RELAYED.contains(lower) && !lower.equals("content-type")) {
                exchange.getResponseHeaders().putAll(new HttpString(name), values);
            }
        });
    }

    /** Upstream failures before any response, in Anthropic's own error types. */
    private ProxyError translate(Throwable failure, ProviderAccount account) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return new ProxyError(504, ErrorTypes.TIMEOUT, "provider \"" + account.id()
                    + "\" did not respond within " + readTimeout.toSeconds() + " s");
        }
        if (cause instanceof ConnectException) {
            return ProxyError.api("could not connect to provider \"" + account.id() + "\"");
        }
        if (cause instanceof IOException) {
            return ProxyError.api("request to provider \"" + account.id() + "\" failed: "
                    + cause.getClass().getSimpleName());
        }
        return ProxyError.api("request to provider \"" + account.id() + "\" failed");
    }

    private static String firstOr(HttpServerExchange exchange, String header, String fallback) {
        String value = exchange.getRequestHeaders().getFirst(header);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
