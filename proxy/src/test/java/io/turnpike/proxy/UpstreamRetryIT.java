package io.turnpike.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.events.request.UpstreamAttempted;
import io.turnpike.proxy.fakes.FakeAnthropic;
import io.turnpike.proxy.fakes.FakeBedrock;
import io.turnpike.proxy.fakes.FakeBedrock.Script;
import io.turnpike.proxy.fakes.FakeBedrock.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Retries and {@code request_timeout} through a real proxy, against fake upstreams that fail on cue: what the
 * client sees (only the committed attempt, the routing headers), what the upstream received, and the events.
 */
class UpstreamRetryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String REGION = "us-east-1";
    private static final String ACCESS_KEY_ID = "AKIAFAKERETRY0000001";
    private static final String SECRET_ACCESS_KEY = "fake-secret-for-retries";
    private static final String BODY = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":16,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final String SUCCESS = "{\"id\":\"msg_ok\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-haiku-4-5-20251001\",\"content\":[{\"type\":\"text\",\"text\":\"Hi!\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":3}}";

    private static FakeAnthropic upstream;
    private static FakeBedrock bedrock;
    private static CollectingEventSink sink;
    private static ProxyServer proxy;
    /** Released after each test: lets a stalled fake upstream thread finish. */
    private static CountDownLatch testDone = new CountDownLatch(1);

    @BeforeAll
    static void start() throws IOException {
        upstream = FakeAnthropic.start();
        bedrock = FakeBedrock.sigV4(REGION, ACCESS_KEY_ID, SECRET_ACCESS_KEY);
        InMemoryGatewayDirectory directory = new InMemoryGatewayDirectory()
                .provider(new ProviderAccount("anthropic-1", "anthropic", Map.of("base_url", upstream.baseUrl()),
                        "sk-ant-upstream"))
                .provider(new ProviderAccount("dead-1", "anthropic", Map.of("base_url",
                        "http://127.0.0.1:" + unusedPort()), "sk-ant-upstream"))
                .provider(new ProviderAccount("bedrock-1", "bedrock", Map.of("region", REGION, "aws_access_key_id",
                        ACCESS_KEY_ID, "endpoint_url", bedrock.endpointUrl()),
                        "{\"aws_secret_access_key\":\"" + SECRET_ACCESS_KEY + "\"}"))
                .provider(new ProviderAccount("mock-1", "mock", Map.of(), null))
                // retry inherited from the config root
                .config(new RoutingConfig("cfg-retry", 5, "{\"retry\":{\"attempts\":2},"
                        + "\"strategy\":{\"mode\":\"single\"},\"targets\":[{\"provider\":\"@anthropic-1\"}]}"))
                .config(config("cfg-no-retry", "{\"provider\":\"@anthropic-1\"}"))
                .config(config("cfg-retry-after", "{\"provider\":\"@anthropic-1\",\"retry\":{\"attempts\":1,"
                        + "\"use_retry_after_header\":true}}"))
                .config(config("cfg-ignore-retry-after", "{\"provider\":\"@anthropic-1\",\"retry\":{\"attempts\":1}}"))
                .config(config("cfg-timeout", "{\"provider\":\"@anthropic-1\",\"request_timeout\":300}"))
                .config(config("cfg-timeout-retry", "{\"provider\":\"@anthropic-1\",\"request_timeout\":300,"
                        + "\"retry\":{\"attempts\":1}}"))
                .config(config("cfg-dead", "{\"provider\":\"@dead-1\",\"retry\":{\"attempts\":2}}"))
                .config(config("cfg-bedrock", "{\"provider\":\"@bedrock-1\",\"retry\":{\"attempts\":2}}"))
                .config(config("cfg-mock", "{\"provider\":\"@mock-1\"}"))
                .key("tp-retry", grant("cfg-retry"))
                .key("tp-no-retry", grant("cfg-no-retry"))
                .key("tp-retry-after", grant("cfg-retry-after"))
                .key("tp-ignore-retry-after", grant("cfg-ignore-retry-after"))
                .key("tp-timeout", grant("cfg-timeout"))
                .key("tp-timeout-retry", grant("cfg-timeout-retry"))
                .key("tp-dead", grant("cfg-dead"))
                .key("tp-bedrock", grant("cfg-bedrock"))
                .key("tp-mock", grant("cfg-mock"));
        sink = new CollectingEventSink();
        // Millisecond backoff keeps the suite fast; the retry-after tests need waits the backoff cannot explain.
        proxy = ProxyServer.start(ProxySettings.defaults().withPort(0)
                .withUpstreamTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(20))
                .withRetryTiming(new RetryTiming(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(30))),
                directory, sink);
    }

    @AfterEach
    void releaseStalls() {
        testDone.countDown();
        testDone = new CountDownLatch(1);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.close();
        bedrock.close();
    }

    @Test
    void aRateLimitThenASuccessIsRetriedAndTheClientSeesOnlyTheSuccess() throws Exception {
        upstream.respondInSequence(exchange -> FakeAnthropic.json(exchange, 429, error("rate_limit_error", "slow")),
                exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));

        HttpResponse<String> response = send("tp-retry", BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(SUCCESS);
        assertThat(response.headers().firstValue("x-turnpike-retry-attempt-count")).hasValue("1");
        assertThat(response.headers().firstValue("x-turnpike-last-used-option-index")).hasValue("config.targets[0]");
        assertThat(response.headers().firstValue("x-turnpike-provider")).hasValue("anthropic-1");
        assertThat(response.headers().firstValue("x-turnpike-trace-id")).isPresent();
        assertThat(response.headers().map().keySet()).noneMatch(name -> name.startsWith("x-portkey-"));
        upstream.takeRequest();
        upstream.takeRequest();

        String requestId = requestId(response);
        List<UpstreamAttempted> attempts = sink.awaitAttempts(requestId, 2);
        assertThat(attempts).extracting(UpstreamAttempted::attemptIndex, UpstreamAttempted::retryIndex,
                UpstreamAttempted::status, UpstreamAttempted::errorType).containsExactly(
                tuple(0, 0, 429, "rate_limit_error"), tuple(1, 1, 200, null));
        assertThat(attempts).allSatisfy(attempt -> {
            assertThat(attempt.targetPath()).isEqualTo("config.targets[0]");
            assertThat(attempt.provider()).isEqualTo("anthropic-1");
            assertThat(attempt.providerType()).isEqualTo("anthropic");
            assertThat(attempt.model()).isEqualTo("claude-haiku-4-5");
            assertThat(attempt.traceId()).isEqualTo(response.headers().firstValue("x-turnpike-trace-id").orElseThrow());
            assertThat(attempt.completedAt()).isAfterOrEqualTo(attempt.startedAt());
        });
        RequestCompleted completed = sink.awaitEvent(requestId);
        assertThat(completed.httpStatus()).isEqualTo(200);
        assertThat(completed.attempts()).isEqualTo(2);
        assertThat(completed.targetPath()).isEqualTo("config.targets[0]");
        assertThat(completed.configVersion()).isEqualTo(5);
        assertThat(completed.usage().outputTokens()).isEqualTo(3);
    }

    @Test
    void serverErrorsExhaustTheRetriesAndTheLastErrorPassesThrough() throws Exception {
        upstream.respondInSequence(exchange -> FakeAnthropic.json(exchange, 500, error("api_error", "first")),
                exchange -> FakeAnthropic.json(exchange, 502, error("api_error", "second")),
                exchange -> FakeAnthropic.json(exchange, 503, error("api_error", "third")),
                exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));

        HttpResponse<String> response = send("tp-retry", BODY);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo(error("api_error", "third"));
        assertThat(response.headers().firstValue("x-turnpike-retry-attempt-count")).hasValue("2");
        List<UpstreamAttempted> attempts = sink.awaitAttempts(requestId(response), 3);
        assertThat(attempts).extracting(UpstreamAttempted::status).containsExactly(500, 502, 503);
        RequestCompleted completed = sink.awaitEvent(requestId(response));
        assertThat(completed.attempts()).isEqualTo(3);
        assertThat(completed.httpStatus()).isEqualTo(503);
    }

    @Test
    void withoutARetryBlockAnErrorIsNotRetried() throws Exception {
        upstream.respondInSequence(exchange -> FakeAnthropic.json(exchange, 429, error("rate_limit_error", "slow")),
                exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));

        HttpResponse<String> response = send("tp-no-retry", BODY);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("x-turnpike-retry-attempt-count")).hasValue("0");
        assertThat(sink.awaitEvent(requestId(response)).attempts()).isEqualTo(1);
        assertThat(sink.attempts(requestId(response))).hasSize(1);
    }

    @Test
    void aStatusOutsideTheRetryListIsNotRetried() throws Exception {
        upstream.respondInSequence(exchange -> FakeAnthropic.json(exchange, 400, error("invalid_request_error", "no")),
                exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));

        HttpResponse<String> response = send("tp-retry", BODY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(sink.awaitEvent(requestId(response)).attempts()).isEqualTo(1);
    }

    @Test
    void aDroppedConnectionIsRetried() throws Exception {
        upstream.respondInSequence(FakeAnthropic.dropConnection(),
                exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));

        HttpResponse<String> response = send("tp-retry", BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(SUCCESS);
        List<UpstreamAttempted> attempts = sink.awaitAttempts(requestId(response), 2);
        assertThat(attempts.get(0).status()).isEqualTo(500);
        assertThat(attempts.get(0).errorType()).isEqualTo("api_error");
        assertThat(attempts.get(0).errorClass()).isNotNull();
        assertThat(attempts.get(1).status()).isEqualTo(200);
        assertThat(attempts.get(1).errorClass()).isNull();
    }

    @Test
    void anUnreachableUpstreamIsRetriedThenReportedAsAConnectionFailure() throws Exception {
        HttpResponse<String> response = send("tp-dead", BODY);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(response.body()).at("/error/message").asText())
                .contains("could not connect to provider \"dead-1\"");
        assertThat(response.headers().firstValue("x-turnpike-retry-attempt-count")).hasValue("2");
        List<UpstreamAttempted> attempts = sink.awaitAttempts(requestId(response), 3);
        assertThat(attempts).extracting(UpstreamAttempted::errorClass).containsOnly("ConnectException");
        assertThat(sink.awaitEvent(requestId(response)).attempts()).isEqualTo(3);
    }

    @Test
    void aStalledUpstreamIsCutOffAtTheRequestTimeout() throws Exception {
        CountDownLatch released = testDone;
        upstream.respondWith(exchange -> {
            released.await(20, TimeUnit.SECONDS);
            FakeAnthropic.json(exchange, 200, SUCCESS);
        });

        HttpResponse<String> response = send("tp-timeout", BODY);

        assertThat(response.statusCode()).isEqualTo(504);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.at("/error/type").asText()).isEqualTo("timeout_error");
        assertThat(error.at("/error/message").asText()).contains("request_timeout of 300 ms");
        UpstreamAttempted attempt = sink.awaitAttempts(requestId(response), 1).get(0);
        assertThat(attempt.status()).isEqualTo(504);
        assertThat(attempt.errorClass()).isEqualTo("request_timeout");
        RequestCompleted completed = sink.awaitEvent(requestId(response));
        assertThat(completed.errorType()).isEqualTo("timeout_error");
        assertThat(completed.attempts()).isEqualTo(1);
    }

    @Test
    void anAttemptThatTimedOutIsRetried() throws Exception {
        CountDownLatch released = testDone;
        upstream.respondInSequence(exchange -> {
            released.await(20, TimeUnit.SECONDS);
            FakeAnthropic.json(exchange, 500, error("api_error", "too late to matter"));
        }, exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));

        HttpResponse<String> response = send("tp-timeout-retry", BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(SUCCESS);
        assertThat(response.headers().firstValue("x-turnpike-retry-attempt-count")).hasValue("1");
        assertThat(sink.awaitAttempts(requestId(response), 2)).extracting(UpstreamAttempted::errorClass)
                .containsExactly("request_timeout", null);
    }

    @Test
    void retryAfterIsWaitedForWhenTheTargetAsks() throws Exception {
        upstream.respondInSequence(exchange -> {
            exchange.getResponseHeaders().add("retry-after", "1");
            FakeAnthropic.json(exchange, 429, error("rate_limit_error", "slow"));
        }, exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));

        HttpResponse<String> response = send("tp-retry-after", BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        List<UpstreamAttempted> attempts = sink.awaitAttempts(requestId(response), 2);
        // The backoff is at most 5 ms here: only the header explains a wait of a second.
        assertThat(Duration.between(attempts.get(0).completedAt(), attempts.get(1).startedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void retryAfterIsIgnoredUnlessTheTargetAsks() throws Exception {
        upstream.respondInSequence(exchange -> {
            exchange.getResponseHeaders().add("retry-after", "5");
            FakeAnthropic.json(exchange, 429, error("rate_limit_error", "slow"));
        }, exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));

        HttpResponse<String> response = send("tp-ignore-retry-after", BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        List<UpstreamAttempted> attempts = sink.awaitAttempts(requestId(response), 2);
        assertThat(Duration.between(attempts.get(0).completedAt(), attempts.get(1).startedAt()))
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anOverloadedAnswerIsNotRetriedUnlessListed() throws Exception {
        upstream.respondInSequence(exchange -> FakeAnthropic.json(exchange, 529, error("overloaded_error", "busy")),
                exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));

        HttpResponse<String> response = send("tp-retry", BODY);

        // 529 is not in the default on_status_codes (429, 500, 502, 503, 504): committed as it came.
        assertThat(response.statusCode()).isEqualTo(529);
        assertThat(sink.awaitEvent(requestId(response)).attempts()).isEqualTo(1);
    }

    @Test
    void aStreamIsRelayedAfterARetry() throws Exception {
        upstream.respondInSequence(exchange -> FakeAnthropic.json(exchange, 503, error("api_error", "unavailable")),
                exchange -> {
                    OutputStream out = FakeAnthropic.startStream(exchange);
                    FakeAnthropic.frame(out, "message_start", "{\"type\":\"message_start\",\"message\":{"
                            + "\"model\":\"claude-haiku-4-5-20251001\",\"usage\":{\"input_tokens\":12,"
                            + "\"output_tokens\":1}}}");
                    FakeAnthropic.frame(out, "message_stop", "{\"type\":\"message_stop\"}");
                });

        HttpResponse<String> streamed = send("tp-retry", BODY.replace("{\"model\"", "{\"stream\":true,\"model\""));

        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(SseFrames.parse(streamed.body()).eventNames()).containsExactly("message_start", "message_stop");
        RequestCompleted completed = sink.awaitEvent(requestId(streamed));
        assertThat(completed.attempts()).isEqualTo(2);
        assertThat(completed.usage().inputTokens()).isEqualTo(12);
        assertThat(completed.timeToFirstTokenMs()).isNotNull();
    }

    @Test
    void aPortkeyClientGetsThePortkeyHeadersToo() throws Exception {
        HttpResponse<String> response = CLIENT.send(messages("tp-mock", BODY)
                .header("x-portkey-trace-id", "pk-trace-7").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-turnpike-trace-id")).hasValue("pk-trace-7");
        assertThat(response.headers().firstValue("x-portkey-trace-id")).hasValue("pk-trace-7");
        assertThat(response.headers().firstValue("x-portkey-provider")).hasValue("mock-1");
        assertThat(response.headers().firstValue("x-portkey-retry-attempt-count")).hasValue("0");
        assertThat(response.headers().firstValue("x-portkey-last-used-option-index")).hasValue("config.targets[0]");
        assertThat(sink.awaitAttempts(requestId(response), 1).get(0).providerType()).isEqualTo("mock");
    }

    @Test
    void bedrockThrottlingIsRetried() throws Exception {
        bedrock.respondInSequence(
                Script.httpError(429, "ThrottlingException", "Too many requests, please wait.", "2"),
                Script.httpError(500, "InternalServerException", "Try again."),
                Script.message(FakeBedrock.DEFAULT_MODEL, "Hello after two retries.", Usage.of(9, 5)));

        HttpResponse<String> response = send("tp-bedrock", BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/content/0/text").asText()).isEqualTo("Hello after two retries.");
        assertThat(response.headers().firstValue("x-turnpike-retry-attempt-count")).hasValue("2");
        assertThat(sink.awaitAttempts(requestId(response), 3)).extracting(UpstreamAttempted::status,
                UpstreamAttempted::errorType, UpstreamAttempted::providerType).containsExactly(
                tuple(429, "rate_limit_error", "bedrock"), tuple(500, "api_error", "bedrock"),
                tuple(200, null, "bedrock"));
        RequestCompleted completed = sink.awaitEvent(requestId(response));
        assertThat(completed.attempts()).isEqualTo(3);
        assertThat(completed.usage().outputTokens()).isEqualTo(5);
    }

    // ---- helpers

    private static String error(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
    }

    private static HttpResponse<String> send(String key, String body) throws IOException, InterruptedException {
        return CLIENT.send(messages(key, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder messages(String key, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/v1/messages"))
                .header("content-type", "application/json")
                .header("x-api-key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue("request-id").orElseThrow();
    }

    private static RoutingConfig config(String id, String target) {
        return new RoutingConfig(id, 1, "{\"strategy\":{\"mode\":\"single\"},\"targets\":[" + target + "]}");
    }

    private static KeyGrant grant(String configId) {
        return new KeyGrant("key-" + configId, configId, configId, Map.of(), false);
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
