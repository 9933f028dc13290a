package io.turnpike.proxy.providers.bedrock;

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
import io.undertow.util.HttpString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * Provider type {@code bedrock}: Anthropic models on AWS Bedrock Runtime. The Messages body becomes an
 * InvokeModel body ({@link BedrockRequests}), signed with SigV4 or sent with a Bedrock API key, and sent with the
 * shared JDK client without blocking. A JSON answer is already a Messages API message and is relayed as it
 * arrives; a stream arrives as binary event-stream frames and leaves as Anthropic SSE
 * ({@link BedrockEventStream}). Bedrock's HTTP errors are answered in Anthropic's envelope
 * ({@link BedrockErrors}).
 *
 * <p>Credentials resolution and signing (which hashes the whole body) run on the upstream executor, never on
 * an IO thread; every answer to the client hops back to the exchange's IO thread.
 */
public final class BedrockProvider implements Provider {
    static final String TYPE = "bedrock";
    static final String EVENT_STREAM = "application/vnd.amazon.eventstream";
    private static final Logger LOG = LoggerFactory.getLogger(BedrockProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpString UPSTREAM_REQUEST_ID = new HttpString("upstream-request-id");

    private final HttpClient client;
    private final Duration readTimeout;
    private final Executor executor;
    private final Clock clock;
    /** Keyed by the whole account (settings and secret), so a changed secret gets fresh credentials. */
    private final ConcurrentMap<ProviderAccount, BedrockCredentials> credentials = new ConcurrentHashMap<>();

    public BedrockProvider(HttpClient client, Duration readTimeout, Executor executor) {
        this(client, readTimeout, executor, Clock.systemUTC());
    }

    BedrockProvider(HttpClient client, Duration readTimeout, Executor executor, Clock clock) {
        this.client = client;
        this.readTimeout = readTimeout;
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CompletableFuture<AttemptOutcome> attempt(ProxyCall call, MessagesRequest request,
                                                     ProviderAccount account) {
        BedrockAccount bedrock = BedrockAccount.of(account);
        byte[] body = BedrockRequests.invokeBody(request.body(), betaHeaders(call));
        URI uri = BedrockRequests.invokeUri(bedrock.endpoint(), request.model(), request.stream());
        String accept = request.stream() ? EVENT_STREAM : "application/json";
        HttpResponse.BodyHandler<Answer> handler = info -> info.statusCode() / 100 == 2
                ? HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofPublisher(), Answer::streaming)
                : HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(), Answer::complete);
        return prepare(account, bedrock, uri, body, accept)
                .thenCompose(upstream -> client.sendAsync(upstream, handler))
                .handle((response, failure) -> {
                    if (failure != null) {
                        return AttemptFailure.of(failure, translate(failure, account));
                    }
                    if (response.body().complete() != null) {
                        return AttemptFailure.upstreamError(errorOf(response, account), response.headers());
                    }
                    return UpstreamResponse.of(response.statusCode(), response.headers(), response.body().streaming(),
                            client -> relay(client, response, request.model()));
                });
    }

    /**
     * Bedrock's CountTokens: the InvokeModel body, base64-encoded, in {@code {"input":{"invokeModel":{"body"}}}};
     * the answer {@code {"inputTokens": n}} becomes {@code {"input_tokens": n}}.
     */
    @Override
    public CompletableFuture<AttemptOutcome> countTokens(ProxyCall call, MessagesRequest request,
                                                         ProviderAccount account) {
        BedrockAccount bedrock = BedrockAccount.of(account);
        byte[] body = BedrockRequests.countTokensBody(request.body(), betaHeaders(call));
        URI uri = BedrockRequests.countTokensUri(bedrock.endpoint(), request.model());
        return prepare(account, bedrock, uri, body, "application/json")
                .thenCompose(upstream -> client.sendAsync(upstream, info ->
                        HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(),
                                Answer::complete)))
                .handle((response, failure) -> {
                    if (failure != null) {
                        return AttemptFailure.of(failure, translate(failure, account));
                    }
                    if (response.statusCode() / 100 != 2) {
                        return AttemptFailure.upstreamError(errorOf(response, account), response.headers());
                    }
                    return tokenCount(response, account);
                });
    }

    private static AttemptOutcome tokenCount(HttpResponse<Answer> response, ProviderAccount account) {
        JsonNode tokens;
        try {
            tokens = JSON.readTree(response.body().complete()).get("inputTokens");
        } catch (IOException | RuntimeException e) {
            tokens = null;
        }
        if (tokens == null || !tokens.canConvertToLong()) {
            return AttemptFailure.upstreamError(ProxyError.api("provider \"" + account.id()
                    + "\" answered CountTokens without inputTokens"), response.headers());
        }
        return LocalAnswer.of(ProviderReply.tokenCount(tokens.asLong()));
    }

    private void relay(ProxyCall call, HttpResponse<Answer> response, String modelId) {
        response.headers().firstValue("x-amzn-requestid")
                .ifPresent(id -> call.exchange().getResponseHeaders().put(UPSTREAM_REQUEST_ID, id));
        String contentType = response.headers().firstValue("content-type").orElse("application/json");
        Flow.Publisher<List<ByteBuffer>> body = response.body().streaming();
        UpstreamRelay toClient = new UpstreamRelay(call, readTimeout);
        if (contentType.toLowerCase(Locale.ROOT).startsWith(EVENT_STREAM)) {
            call.startResponse(response.statusCode(), "text/event-stream; charset=utf-8");
            body.subscribe(new BedrockStreamRelay(new BedrockEventStream(), toClient));
        } else {
            call.startResponse(response.statusCode(), contentType);
            body.subscribe(toClient);
        }
        LOG.debug("request {} relaying Bedrock model {}", call.requestId(), modelId);
    }

    private static ProxyError errorOf(HttpResponse<Answer> response, ProviderAccount account) {
        return BedrockErrors.fromHttp(account.id(), response.statusCode(),
                response.headers().firstValue("x-amzn-errortype").orElse(null),
                response.body().complete(),
                response.headers().firstValue("retry-after").orElse(null));
    }

    /** The request to send, authenticated; signing waits for credentials and runs on the executor. */
    private CompletableFuture<HttpRequest> prepare(ProviderAccount account, BedrockAccount bedrock, URI uri,
                                                   byte[] body, String accept) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("accept", accept);
        if (bedrock.auth() == BedrockAccount.Auth.API_KEY) {
            headers.put("authorization", "Bearer " + bedrock.apiKey());
            return CompletableFuture.completedFuture(build(uri, headers, body));
        }
        BedrockCredentials source = credentials.computeIfAbsent(account, ignored -> bedrock.hasStaticKeys()
                ? BedrockCredentials.fixed(bedrock) : BedrockCredentials.defaultChain(executor));
        return source.get().thenApplyAsync(identity -> signed(uri, headers, body, identity, bedrock), executor);
    }

    private HttpRequest signed(URI uri, Map<String, String> headers, byte[] body, AwsCredentialsIdentity identity,
                               BedrockAccount bedrock) {
        Map<String, List<String>> signedHeaders = BedrockSigner.sign(uri, headers, body, identity, bedrock.region(),
                clock);
        Map<String, String> toSend = new LinkedHashMap<>();
        signedHeaders.forEach((name, values) -> {
            // The JDK client sets Host itself, to the same authority the signature covers.
            if (!name.equalsIgnoreCase("host")) {
                toSend.put(name, String.join(",", values));
            }
        });
        return build(uri, toSend, body);
    }

    private HttpRequest build(URI uri, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                // Plain-http upstreams (tests, local endpoints) get HTTP/1.1: no h2c upgrade dance on a POST.
                .version("http".equalsIgnoreCase(uri.getScheme())
                        ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return builder.build();
    }

    private static List<String> betaHeaders(ProxyCall call) {
        HeaderValues values = call.exchange().getRequestHeaders().get("anthropic-beta");
        return values == null ? List.of() : List.copyOf(values);
    }

    /** Failures before any response: credentials, connection, timeout. */
    private ProxyError translate(Throwable failure, ProviderAccount account) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ProxyError error) {
            return error;
        }
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
        if (cause instanceof software.amazon.awssdk.core.exception.SdkClientException) {
            LOG.warn("provider {}: AWS credentials could not be resolved: {}", account.id(), cause.getMessage());
            return ProxyError.api("provider \"" + account.id() + "\" has no usable AWS credentials "
                    + "(the default credentials chain found none)");
        }
        LOG.error("provider {}: request failed unexpectedly", account.id(), cause);
        return ProxyError.api("request to provider \"" + account.id() + "\" failed");
    }

    /** The upstream body: a live publisher on success, the complete bytes of an error answer. */
    record Answer(Flow.Publisher<List<ByteBuffer>> streaming, byte[] complete) {
        static Answer streaming(Flow.Publisher<List<ByteBuffer>> body) {
            return new Answer(body, null);
        }

        static Answer complete(byte[] body) {
            return new Answer(null, body);
        }
    }
}
