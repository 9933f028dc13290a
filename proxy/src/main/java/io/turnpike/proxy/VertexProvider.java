package io.turnpike.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.util.HeaderValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

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
final class VertexProvider implements Provider {
    static final String TYPE = "vertex";

    private static final Logger LOG = LoggerFactory.getLogger(VertexProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Duration readTimeout;
    private final VertexCredentials credentials;

    VertexProvider(HttpClient client, Duration readTimeout, VertexCredentials credentials) {
        this.client = client;
        this.readTimeout = readTimeout;
        this.credentials = credentials;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void forward(ProxyCall call, MessagesRequest request, ProviderAccount account) {
        VertexAccountSettings settings = VertexAccountSettings.of(account);
        URI uri = settings.endpoint().predict(vertexModel(request), request.stream());
        byte[] body = VertexRequestBody.forMessages(request.body());
        withToken(call, account, settings, (tokens, token) -> send(call, account,
                upstream(call, uri, body, token), () -> tokens.invalidate(token), response -> {
                    call.startResponse(response.statusCode(),
                            response.headers().firstValue("content-type").orElse(null));
                    response.body().subscribe(new UpstreamRelay(call, readTimeout));
                }));
    }

    /** {@code POST …/models/count-tokens:rawPredict}; the model stays in the body. */
    @Override
    public void countTokens(ProxyCall call, MessagesRequest request, ProviderAccount account) {
        VertexAccountSettings settings = VertexAccountSettings.of(account);
        vertexModel(request);
        URI uri = settings.endpoint().countTokens();
        byte[] body = VertexRequestBody.forCountTokens(request.body());
        withToken(call, account, settings, (tokens, token) -> send(call, account,
                upstream(call, uri, body, token), () -> tokens.invalidate(token),
                response -> collect(call, response, counted -> answerCount(call, counted))));
    }

    private static void answerCount(ProxyCall call, byte[] counted) {
        JsonNode inputTokens = parse(counted).path("input_tokens");
        if (inputTokens.canConvertToLong() && inputTokens.asLong() >= 0) {
            call.reply(CountTokensDispatch.answer(inputTokens.asLong()));
        } else {
            call.fail(ProxyError.api("Vertex AI answered the token count without input_tokens"));
        }
    }

    private static String vertexModel(MessagesRequest request) {
        if (!VertexEndpoint.isValidModelId(request.model())) {
            throw ProxyError.invalidRequest("model: \"" + abbreviate(request.model())
                    + "\" is not a Vertex AI model id (such as claude-sonnet-4-5@20250929)");
        }
        return request.model();
    }

    /** Runs {@code then} on the IO thread with a token: at once if cached, else when the fetch completes. */
    private void withToken(ProxyCall call, ProviderAccount account, VertexAccountSettings settings,
                           BiConsumer<VertexAccessTokens, String> then) {
        VertexAccessTokens tokens = credentials.forAccount(account.id(), settings.serviceAccountJson());
        CompletableFuture<String> token = tokens.current();
        if (token.isDone() && !token.isCompletedExceptionally()) {
            then.accept(tokens, token.join());
            return;
        }
        token.whenComplete((value, failure) -> call.onIoThread(() -> {
            if (call.isFinished()) {
                return;
            }
            if (failure != null) {
                call.fail(ProxyError.api("could not obtain a Google access token for provider \""
                        + account.id() + "\""));
                return;
            }
            try {
                then.accept(tokens, value);
            } catch (ProxyError error) {
                call.fail(error);
            } catch (RuntimeException unexpected) {
                LOG.error("request {} failed unexpectedly", call.requestId, unexpected);
                call.fail(ProxyError.api("internal error in the gateway"));
            }
        }));
    }

    private HttpRequest upstream(ProxyCall call, URI uri, byte[] body, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                // Plain-http upstreams (tests, local gateways) get HTTP/1.1: no h2c upgrade dance on a POST.
                .version("http".equalsIgnoreCase(uri.getScheme())
                        ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .header("content-type", "application/json")
                .header("authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        HeaderValues betas = call.exchange.getRequestHeaders().get("anthropic-beta");
        if (betas != null) {
            betas.forEach(beta -> builder.header("anthropic-beta", beta));
        }
        return builder.build();
    }

    /**
     * Sends; a 2xx goes to {@code onSuccess} on the IO thread, anything else is read whole and translated. A 401
     * means Google no longer takes the token: {@code onTokenRejected} drops it from the cache.
     */
    private void send(ProxyCall call, ProviderAccount account, HttpRequest request, Runnable onTokenRejected,
                      Consumer<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> onSuccess) {
        client.sendAsync(request, HttpResponse.BodyHandlers.ofPublisher())
                .whenComplete((response, failure) -> call.onIoThread(() -> {
                    if (failure != null) {
                        call.fail(translate(failure, account));
                    } else if (call.isFinished()) {
                        VertexBodyCollector discard = new VertexBodyCollector();
                        discard.cancel();
                        response.body().subscribe(discard);
                    } else if (response.statusCode() / 100 == 2) {
                        onSuccess.accept(response);
                    } else {
                        if (response.statusCode() == 401) {
                            onTokenRejected.run();
                        }
                        String retryAfter = response.headers().firstValue("retry-after").orElse(null);
                        collect(call, response, body -> answerError(call, response.statusCode(), body, retryAfter));
                    }
                }));
    }

    /** Upstream errors: Anthropic-shaped ones pass through untouched, Google-shaped ones are translated. */
    private static void answerError(ProxyCall call, int status, byte[] body, String retryAfter) {
        if (VertexErrors.isAnthropicError(body)) {
            if (retryAfter != null) {
                call.exchange.getResponseHeaders().put(ProxyCall.RETRY_AFTER, retryAfter);
            }
            call.reply(new ProviderReply(status, "application/json", body));
        } else {
            call.fail(VertexErrors.toAnthropic(status, body, retryAfter));
        }
    }

    /** Reads a small body whole, then continues on the IO thread; a stalled body ends in a 504. */
    private void collect(ProxyCall call, HttpResponse<Flow.Publisher<List<ByteBuffer>>> response,
                         Consumer<byte[]> then) {
        VertexBodyCollector collector = new VertexBodyCollector();
        call.onAbort(collector::cancel);
        response.body().subscribe(collector);
        collector.body().orTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((body, failure) -> call.onIoThread(() -> {
                    if (call.isFinished()) {
                        return;
                    }
                    if (failure == null) {
                        then.accept(body);
                        return;
                    }
                    collector.cancel();
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    call.fail(cause instanceof TimeoutException
                            ? ProxyError.timeout("Vertex AI sent nothing for " + readTimeout.toSeconds() + " s")
                            : ProxyError.api("the Vertex AI response broke off: " + cause.getClass().getSimpleName()));
                }));
    }

    /** Upstream failures before any response, in Anthropic's own error types. */
    private ProxyError translate(Throwable failure, ProviderAccount account) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
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
