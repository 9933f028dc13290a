package io.turnpike.proxy.providers.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.exchange.ProviderReply;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.providers.AttemptFailure;
import io.turnpike.proxy.providers.AttemptOutcome;
import io.turnpike.proxy.providers.LocalAnswer;
import io.turnpike.proxy.providers.Provider;
import io.turnpike.proxy.providers.UpstreamRelay;
import io.turnpike.proxy.providers.UpstreamResponse;
import io.turnpike.proxy.wire.MessagesRequest;
import io.turnpike.proxy.wire.ProxyError;
import io.undertow.util.HeaderValues;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Provider type {@code vertex}: Claude on Google Vertex AI.
 * {@code POST …/publishers/anthropic/models/{model}:rawPredict}
 * (or {@code :streamRawPredict} when the body asks to stream) with a Google OAuth access token; the body loses
 * {@code model} and gains {@code anthropic_version}. Vertex answers in Anthropic's JSON / SSE, which is relayed
 * chunk by chunk exactly as for the {@code anthropic} provider. {@code anthropic-beta} is forwarded as a header,
 * as Anthropic's own Vertex SDKs send it. Google-shaped errors are translated ({@link VertexErrors}).
 *
 * <p>Nothing here blocks the IO thread: the token comes from a cache whose fetches run on another executor
 * ({@link VertexAccessTokens}); the request continues when the token is there.
 */
public final class VertexProvider implements Provider {
    static final String TYPE = "vertex";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Duration readTimeout;
    private final VertexCredentials credentials;

    public VertexProvider(HttpClient client, Duration readTimeout, VertexCredentials credentials) {
        this.client = client;
        this.readTimeout = readTimeout;
        this.credentials = credentials;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CompletableFuture<AttemptOutcome> attempt(ProxyCall call, MessagesRequest request,
                                                     ProviderAccount account) {
        VertexAccountSettings settings = VertexAccountSettings.of(account);
        URI uri = settings.endpoint().predict(vertexModel(request), request.stream());
        byte[] body = VertexRequestBody.forMessages(request.body());
        List<String> betas = betaHeaders(call);
        return withToken(account, settings, (tokens, token) -> send(account, upstream(uri, body, token, betas),
                () -> tokens.invalidate(token), response -> CompletableFuture.completedFuture(
                        UpstreamResponse.of(response.statusCode(), response.headers(), response.body(),
                                client -> relay(client, response)))));
    }

    /** {@code POST …/models/count-tokens:rawPredict}; the model stays in the body. */
    @Override
    public CompletableFuture<AttemptOutcome> countTokens(ProxyCall call, MessagesRequest request,
                                                         ProviderAccount account) {
        VertexAccountSettings settings = VertexAccountSettings.of(account);
        vertexModel(request);
        URI uri = settings.endpoint().countTokens();
        byte[] body = VertexRequestBody.forCountTokens(request.body());
        List<String> betas = betaHeaders(call);
        return withToken(account, settings, (tokens, token) -> send(account, upstream(uri, body, token, betas),
                () -> tokens.invalidate(token), response -> collect(response, counted -> tokenCount(counted,
                        response))));
    }

    private void relay(ProxyCall call, HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
        call.startResponse(response.statusCode(), response.headers().firstValue("content-type").orElse(null));
        response.body().subscribe(new UpstreamRelay(call, readTimeout));
    }

    private static AttemptOutcome tokenCount(byte[] counted, HttpResponse<?> response) {
        JsonNode inputTokens = parse(counted).path("input_tokens");
        if (inputTokens.canConvertToLong() && inputTokens.asLong() >= 0) {
            return LocalAnswer.of(ProviderReply.tokenCount(inputTokens.asLong()));
        }
        return AttemptFailure.upstreamError(ProxyError.api("Vertex AI answered the token count without input_tokens"),
                response.headers());
    }

    private static String vertexModel(MessagesRequest request) {
        if (!VertexEndpoint.isValidModelId(request.model())) {
            throw ProxyError.invalidRequest("model: \"" + abbreviate(request.model())
                    + "\" is not a Vertex AI model id (such as claude-sonnet-4-5@20250929)");
        }
        return request.model();
    }

    private static List<String> betaHeaders(ProxyCall call) {
        HeaderValues values = call.exchange().getRequestHeaders().get("anthropic-beta");
        return values == null ? List.of() : List.copyOf(values);
    }

    /** Continues with a token: at once if cached, else when the fetch (on another executor) completes. */
    private CompletableFuture<AttemptOutcome> withToken(
            ProviderAccount account, VertexAccountSettings settings,
            BiFunction<VertexAccessTokens, String, CompletableFuture<AttemptOutcome>> then) {
        VertexAccessTokens tokens = credentials.forAccount(account.id(), settings.serviceAccountJson());
        return tokens.current().handle((token, failure) -> failure == null ? then.apply(tokens, token)
                        : CompletableFuture.<AttemptOutcome>completedFuture(AttemptFailure.notSent(ProxyError.api(
                                "could not obtain a Google access token for provider \"" + account.id() + "\""))))
                .thenCompose(outcome -> outcome);
    }

    private HttpRequest upstream(URI uri, byte[] body, String token, List<String> betas) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                // Plain-http upstreams (tests, local gateways) get HTTP/1.1: no h2c upgrade dance on a POST.
                .version("http".equalsIgnoreCase(uri.getScheme())
                        ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .header("content-type", "application/json")
                .header("authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        betas.forEach(beta -> builder.header("anthropic-beta", beta));
        return builder.build();
    }

    /**
     * Sends; a 2xx goes to {@code onSuccess}, anything else is read whole and translated. A 401 means Google no
     * longer takes the token: {@code onTokenRejected} drops it from the cache.
     */
    private CompletableFuture<AttemptOutcome> send(
            ProviderAccount account, HttpRequest request, Runnable onTokenRejected,
            Function<HttpResponse<Flow.Publisher<List<ByteBuffer>>>, CompletableFuture<AttemptOutcome>> onSuccess) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofPublisher())
                .handle((response, failure) -> {
                    if (failure != null) {
                        return CompletableFuture.<AttemptOutcome>completedFuture(
                                AttemptFailure.of(failure, translate(failure, account)));
                    }
                    if (response.statusCode() / 100 == 2) {
                        return onSuccess.apply(response);
                    }
                    if (response.statusCode() == 401) {
                        onTokenRejected.run();
                    }
                    return collect(response, body -> errorOf(response, body));
                })
                .thenCompose(outcome -> outcome);
    }

    /** Upstream errors: Anthropic-shaped ones pass through untouched, Google-shaped ones are translated. */
    private static AttemptOutcome errorOf(HttpResponse<?> response, byte[] body) {
        int status = response.statusCode();
        String retryAfter = response.headers().firstValue("retry-after").orElse(null);
        if (VertexErrors.isAnthropicError(body)) {
            return new LocalAnswer(new ProviderReply(status, "application/json", body),
                    retryAfter == null ? Map.of() : Map.of("retry-after", retryAfter));
        }
        return AttemptFailure.upstreamError(VertexErrors.toAnthropic(status, body, retryAfter), response.headers());
    }

    /** Reads a small body whole; a stalled body is a timeout, a broken one a failed attempt. */
    private CompletableFuture<AttemptOutcome> collect(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response,
                                                      Function<byte[], AttemptOutcome> then) {
        VertexBodyCollector collector = new VertexBodyCollector();
        response.body().subscribe(collector);
        return collector.body().orTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((body, failure) -> {
                    if (failure == null) {
                        return then.apply(body);
                    }
                    collector.cancel();
                    Throwable cause = AttemptFailure.unwrap(failure);
                    return cause instanceof TimeoutException
                            ? AttemptFailure.noAnswer(ProxyError.timeout("Vertex AI sent nothing for "
                                    + readTimeout.toSeconds() + " s"), cause.getClass().getSimpleName())
                            : AttemptFailure.noAnswer(ProxyError.api("the Vertex AI response broke off: "
                                    + cause.getClass().getSimpleName()), cause.getClass().getSimpleName());
                });
    }

    /** Upstream failures before any response, in Anthropic's own error types. */
    private ProxyError translate(Throwable failure, ProviderAccount account) {
        Throwable cause = AttemptFailure.unwrap(failure);
        if (cause instanceof HttpTimeoutException) {
            return ProxyError.timeout("provider \"" + account.id() + "\" did not respond within "
                    + readTimeout.toSeconds() + " s");
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

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
