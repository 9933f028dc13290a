package io.turnpike.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.events.request.TokenUsage;
import io.turnpike.proxy.fakes.FakeAnthropic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** A real proxy on a free port, real HTTP clients, a hand-written fake Anthropic upstream. */
class ProxyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UPSTREAM_SECRET = "sk-ant-upstream-secret";
    private static final String MOCK_KEY = "tp-mock-key-0001";
    private static final String ANTHROPIC_KEY = "tp-anthropic-key-0002";
    private static final String OVERRIDE_KEY = "tp-override-key-0003";
    private static final String BROKEN_KEY = "tp-broken-key-0004";
    private static final String REVOKED_KEY = "tp-revoked-key-0005";
    private static final String DEAD_KEY = "tp-dead-key-0006";
    private static final String DYING_KEY = "tp-dying-key-0007";
    private static final long MAX_BODY = 64 * 1024;
    private static final String MOCK_BODY = """
            {"model":"claude-sonnet-4-5","max_tokens":1024,"system":"You are terse.",
             "messages":[{"role":"user","content":[{"type":"text","text":"Hello there"}]}]%s}""";

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static FakeAnthropic upstream;
    private static DyingUpstream dying;
    private static InMemoryGatewayDirectory directory;
    private static CollectingEventSink sink;
    private static ProxyServer proxy;

    @BeforeAll
    static void start() throws IOException {
        upstream = FakeAnthropic.start();
        dying = new DyingUpstream("event: message_start\ndata: {\"type\":\"message_start\",\"message\":"
                + "{\"model\":\"claude-haiku-4-5-20251001\",\"usage\":{\"input_tokens\":30,\"output_tokens\":1}}}\n\n");
        directory = new InMemoryGatewayDirectory()
                .provider(new ProviderAccount("mock-1", "mock", Map.of(), null))
                .provider(new ProviderAccount("anthropic-1", "anthropic", Map.of("base_url", upstream.baseUrl(),
                        "header.x-egress-route", "claude-prod"),
                        UPSTREAM_SECRET))
                .provider(new ProviderAccount("dead-1", "anthropic", Map.of("base_url",
                        "http://127.0.0.1:" + unusedPort()), UPSTREAM_SECRET))
                .provider(new ProviderAccount("dying-1", "anthropic", Map.of("base_url", dying.baseUrl()),
                        UPSTREAM_SECRET))
                .config(single("cfg-mock", "{\"provider\":\"@mock-1\"}"))
                .config(single("cfg-anthropic", "{\"provider\":\"@anthropic-1\"}"))
                .config(new RoutingConfig("cfg-override", 3, """
                        {"strategy":{"mode":"fallback"},"targets":[{"strategy":{"mode":"single"},
                         "targets":[{"provider":"@mock-1","override_params":{"model":"claude-haiku-4-5"}}]}]}"""))
                .config(single("cfg-broken", "{\"provider\":\"@nobody\"}"))
                .config(single("cfg-dead", "{\"provider\":\"@dead-1\"}"))
                .config(single("cfg-dying", "{\"provider\":\"@dying-1\"}"))
                .key(MOCK_KEY, new KeyGrant("key-mock", "mock", "cfg-mock",
                        Map.of("tenant", "acme", "team", "payments"), false))
                .key(ANTHROPIC_KEY, new KeyGrant("key-anthropic", "anthropic", "cfg-anthropic", Map.of(), false))
                .key(OVERRIDE_KEY, new KeyGrant("key-override", "override", "cfg-override", Map.of(), false))
                .key(BROKEN_KEY, new KeyGrant("key-broken", "broken", "cfg-broken", Map.of(), false))
                .key(REVOKED_KEY, new KeyGrant("key-revoked", "revoked", "cfg-mock", Map.of(), true))
                .key(DEAD_KEY, new KeyGrant("key-dead", "dead", "cfg-dead", Map.of(), false))
                .key(DYING_KEY, new KeyGrant("key-dying", "dying", "cfg-dying", Map.of(), false));
        sink = new CollectingEventSink();
        proxy = ProxyServer.start(ProxySettings.defaults().withPort(0).withMaxRequestBodyBytes(MAX_BODY)
                .withUpstreamTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(20)), directory, sink);
    }

    @AfterAll
    static void stop() throws IOException {
        proxy.close();
        upstream.close();
        dying.close();
    }

    private static RoutingConfig single(String id, String target) {
        return new RoutingConfig(id, 1, "{\"strategy\":{\"mode\":\"single\"},\"targets\":[" + target + "]}");
    }

    // ---- mock provider

    @Test
    void mockAnswersAMessageAndTheEventCarriesUsageCostAndMetadata() throws Exception {
        HttpResponse<String> response = send(messages(MOCK_BODY.formatted(""))
                .header("x-api-key", MOCK_KEY)
                .header("x-turnpike-metadata", "{\"team\":\"claimed\",\"user\":\"ada\",\"env\":\"dev\"}")
                .header("x-turnpike-trace-id", "trace-42")
                .header("x-claude-code-session-id", "session-7")
                .header("user-agent", "claude-cli/2.0.0 (external, cli)"));

        assertThat(response.statusCode()).isEqualTo(200);
        String requestId = response.headers().firstValue("request-id").orElseThrow();
        assertThat(requestId).matches("req_[0-9A-Za-z]{24}");
        JsonNode message = JSON.readTree(response.body());
        assertThat(message.get("type").asText()).isEqualTo("message");
        assertThat(message.at("/usage/input_tokens").asLong()).isEqualTo(7);
        assertThat(message.at("/usage/output_tokens").asLong()).isEqualTo(11);

        RequestCompleted event = sink.awaitEvent(requestId);
        assertThat(event.schemaVersion()).isEqualTo(RequestCompleted.SCHEMA_VERSION);
        assertThat(event.keyId()).isEqualTo("key-mock");
        assertThat(event.traceId()).isEqualTo("trace-42");
        assertThat(event.metadata()).containsOnly(Map.entry("team", "payments"), Map.entry("user", "ada"),
                Map.entry("env", "dev"), Map.entry("tenant", "acme"));
        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.team()).isEqualTo("payments");
        assertThat(event.user()).isEqualTo("ada");
        assertThat(event.env()).isEqualTo("dev");
        assertThat(event.configId()).isEqualTo("cfg-mock");
        assertThat(event.provider()).isEqualTo("mock-1");
        assertThat(event.providerType()).isEqualTo("mock");
        assertThat(event.requestedModel()).isEqualTo("claude-sonnet-4-5");
        assertThat(event.servedModel()).isEqualTo("claude-sonnet-4-5");
        assertThat(event.endpoint()).isEqualTo("/v1/messages");
        assertThat(event.stream()).isFalse();
        assertThat(event.httpStatus()).isEqualTo(200);
        assertThat(event.errorType()).isNull();
        assertThat(event.usage()).isEqualTo(new TokenUsage(7, 11, 0, 0, 0));
        // 7 × $3/M + 11 × $15/M
        assertThat(event.costNanoUsd()).isEqualTo(186_000L);
        assertThat(event.priceVersion()).isEqualTo("2026-11-01");
        assertThat(event.timeToFirstTokenMs()).isNull();
        assertThat(event.sessionId()).isEqualTo("session-7");
        assertThat(event.userAgent()).isEqualTo("claude-cli/2.0.0 (external, cli)");
        assertThat(event.completedAt()).isAfterOrEqualTo(event.startedAt());
    }

    @Test
    void mockStreamsTheFullEventSequence() throws Exception {
        HttpResponse<String> response = send(messages(MOCK_BODY.formatted(",\"stream\":true"))
                .uri(proxyUri("/v1/messages?beta=true"))
                .header("authorization", "Bearer " + MOCK_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        SseFrames frames = SseFrames.parse(response.body());
        assertThat(frames.eventNames()).startsWith("message_start", "content_block_start", "ping",
                "content_block_delta").endsWith("content_block_stop", "message_delta", "message_stop");
        assertThat(frames.text()).isEqualTo("Turnpike mock reply. You said: \"Hello there\"");

        RequestCompleted event = sink.awaitEvent(response.headers().firstValue("request-id").orElseThrow());
        assertThat(event.stream()).isTrue();
        assertThat(event.usage()).isEqualTo(new TokenUsage(7, 11, 0, 0, 0));
        assertThat(event.timeToFirstTokenMs()).isNotNull();
        assertThat(event.traceId()).isNotBlank();
    }

    @Test
    void overrideParamsFromANestedTargetRewriteTheModel() throws Exception {
        HttpResponse<String> response = send(messages(MOCK_BODY.formatted("")).header("x-api-key", OVERRIDE_KEY));

        assertThat(JSON.readTree(response.body()).get("model").asText()).isEqualTo("claude-haiku-4-5");
        RequestCompleted event = sink.awaitEvent(response.headers().firstValue("request-id").orElseThrow());
        assertThat(event.requestedModel()).isEqualTo("claude-sonnet-4-5");
        assertThat(event.servedModel()).isEqualTo("claude-haiku-4-5");
        // 7 × $1/M + 11 × $5/M
        assertThat(event.costNanoUsd()).isEqualTo(62_000L);
    }

    // ---- anthropic provider

    @Test
    void anthropicGetsTheProviderKeyAndTheUntouchedBodyAndItsAnswerPassesThrough() throws Exception {
        String upstreamAnswer = "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"text\",\"text\":\"Hi!\"}],"
                + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":100,"
                + "\"cache_creation_input_tokens\":200,\"cache_read_input_tokens\":1000,\"cache_creation\":"
                + "{\"ephemeral_5m_input_tokens\":150,\"ephemeral_1h_input_tokens\":50},\"output_tokens\":50}}";
        upstream.respondWith(exchange -> {
            exchange.getResponseHeaders().add("anthropic-ratelimit-requests-remaining", "99");
            FakeAnthropic.json(exchange, 200, upstreamAnswer);
        });
        // Odd spacing and an unknown field: the proxy must forward these bytes exactly.
        String body = "{ \"model\": \"claude-sonnet-4-5\",  \"max_tokens\": 64, \"x_unknown\": {\"keep\": [1, 2.50]},"
                + " \"messages\": [{\"role\": \"user\", \"content\": \"Grüße\"}] }";

        HttpResponse<String> response = send(messages(body)
                .uri(proxyUri("/v1/messages?beta=true"))
                .header("authorization", "Bearer " + ANTHROPIC_KEY)
                .header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", "prompt-caching-2024-07-31,extended-cache-ttl-2025-04-11"));

        FakeAnthropic.Received received = upstream.takeRequest();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/v1/messages");
        assertThat(received.query()).isEqualTo("beta=true");
        assertThat(received.header("x-api-key")).isEqualTo(UPSTREAM_SECRET);
        assertThat(received.header("authorization")).isNull();
        assertThat(received.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(received.header("x-egress-route")).as("the provider's configured extra header").isEqualTo("claude-prod");
        assertThat(received.header("anthropic-beta"))
                .isEqualTo("prompt-caching-2024-07-31,extended-cache-ttl-2025-04-11");
        assertThat(received.header("content-type")).isEqualTo("application/json");
        assertThat(received.body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(upstreamAnswer);
        assertThat(response.headers().firstValue("anthropic-ratelimit-requests-remaining")).hasValue("99");
        assertThat(response.headers().firstValue("upstream-request-id")).hasValue("req_upstream_123");
        RequestCompleted event = sink.awaitEvent(response.headers().firstValue("request-id").orElseThrow());
        assertThat(event.providerType()).isEqualTo("anthropic");
        assertThat(event.servedModel()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(event.usage()).isEqualTo(new TokenUsage(100, 50, 1000, 200, 50));
        // 100×3 + 50×15 + 1000×0.30 + 50×6 + 150×3.75 = 2,212.5 USD per million tokens
        assertThat(event.costNanoUsd()).isEqualTo(2_212_500L);
    }

    @Test
    void anthropicDefaultsTheVersionHeaderAndNeverForwardsTheClientKey() throws Exception {
        upstream.respondWith(exchange -> FakeAnthropic.json(exchange, 200, "{\"type\":\"message\"}"));

        send(messages("{\"model\":\"claude-haiku-4-5\",\"messages\":[]}").header("x-api-key", ANTHROPIC_KEY));

        FakeAnthropic.Received received = upstream.takeRequest();
        assertThat(received.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(received.header("anthropic-beta")).isNull();
        assertThat(received.header("x-api-key")).isEqualTo(UPSTREAM_SECRET);
        assertThat(received.headers().toString()).doesNotContain(ANTHROPIC_KEY);
    }

    @Test
    void anthropicStreamIsRelayedFrameByFrameNotBuffered() throws Exception {
        CountDownLatch clientSawFirstFrame = new CountDownLatch(1);
        AtomicBoolean releasedInTime = new AtomicBoolean();
        upstream.respondWith(exchange -> {
            OutputStream out = FakeAnthropic.startStream(exchange);
            FakeAnthropic.frame(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":"
                    + "\"msg_02\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-4-5-20251001\","
                    + "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":472,"
                    + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":1}}}");
            // Only a client that already holds the first frame can release this: a buffering proxy cannot.
            releasedInTime.set(clientSawFirstFrame.await(15, TimeUnit.SECONDS));
            FakeAnthropic.frame(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
            FakeAnthropic.frame(out, "ping", "{\"type\": \"ping\"}");
            FakeAnthropic.frame(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}");
            FakeAnthropic.frame(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
            FakeAnthropic.frame(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":"
                    + "{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":89}}");
            FakeAnthropic.frame(out, "message_stop", "{\"type\":\"message_stop\"}");
        });

        HttpResponse<java.io.InputStream> response = CLIENT.send(messages(
                        "{\"model\":\"claude-haiku-4-5\",\"stream\":true,\"messages\":[]}")
                        .header("x-api-key", ANTHROPIC_KEY).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        StringBuilder body = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                body.append(line).append('\n');
                if (line.startsWith("data: {\"type\":\"message_start\"")) {
                    clientSawFirstFrame.countDown();
                }
            }
        }

        assertThat(releasedInTime).as("the first frame reached the client while the upstream held the rest").isTrue();
        assertThat(SseFrames.parse(body.toString()).eventNames()).containsExactly("message_start",
                "content_block_start", "ping", "content_block_delta", "content_block_stop", "message_delta",
                "message_stop");
        RequestCompleted event = sink.awaitEvent(response.headers().firstValue("request-id").orElseThrow());
        assertThat(event.usage()).isEqualTo(new TokenUsage(472, 89, 0, 0, 0));
        // 472 × $1/M + 89 × $5/M
        assertThat(event.costNanoUsd()).isEqualTo(917_000L);
        assertThat(event.stream()).isTrue();
        assertThat(event.timeToFirstTokenMs()).isNotNull();
    }

    @Test
    void aClientThatGoesAwayMidStreamIsRecordedAndTheUpstreamReleased() throws Exception {
        CountDownLatch clientLeft = new CountDownLatch(1);
        CountDownLatch upstreamCutOff = new CountDownLatch(1);
        upstream.respondWith(exchange -> {
            OutputStream out = FakeAnthropic.startStream(exchange);
            FakeAnthropic.frame(out, "message_start", "{\"type\":\"message_start\",\"message\":{"
                    + "\"model\":\"claude-haiku-4-5-20251001\",\"usage\":{\"input_tokens\":40,\"output_tokens\":1}}}");
            clientLeft.await(10, TimeUnit.SECONDS);
            try {
                for (int i = 0; i < 10_000; i++) {
                    FakeAnthropic.frame(out, "content_block_delta", "{\"type\":\"content_block_delta\","
                            + "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"more \"}}");
                    Thread.sleep(1);
                }
            } catch (IOException expected) {
                upstreamCutOff.countDown();
            }
        });

        HttpResponse<java.io.InputStream> response = CLIENT.send(messages(
                        "{\"model\":\"claude-haiku-4-5\",\"stream\":true,\"messages\":[]}")
                        .header("x-api-key", ANTHROPIC_KEY).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(reader.readLine()).isEqualTo("event: message_start");
        reader.close();
        clientLeft.countDown();

        RequestCompleted event = sink.awaitEvent(response.headers().firstValue("request-id").orElseThrow());
        assertThat(event.errorType()).isEqualTo("client_disconnected");
        assertThat(event.usage().inputTokens()).isEqualTo(40);
        assertThat(upstreamCutOff.await(10, TimeUnit.SECONDS)).as("the upstream connection was released").isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"429, rate_limit_error", "529, overloaded_error"})
    void upstreamErrorsPassThroughUnmodified(int status, String type) throws Exception {
        String error = "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"Please slow down\"},"
                + "\"request_id\":\"req_upstream_9\"}";
        upstream.respondWith(exchange -> {
            exchange.getResponseHeaders().add("retry-after", "7");
            FakeAnthropic.json(exchange, status, error);
        });

        HttpResponse<String> response = send(messages("{\"model\":\"claude-haiku-4-5\",\"messages\":[]}")
                .header("x-api-key", ANTHROPIC_KEY));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(error);
        assertThat(response.headers().firstValue("retry-after")).hasValue("7");
        RequestCompleted event = sink.awaitEvent(response.headers().firstValue("request-id").orElseThrow());
        assertThat(event.httpStatus()).isEqualTo(status);
        assertThat(event.errorType()).isEqualTo(type);
        assertThat(event.costNanoUsd()).isZero();
    }

    @Test
    void anUpstreamDyingMidStreamEndsTheStreamWithAnErrorFrame() throws Exception {
        HttpResponse<String> response = send(messages("{\"model\":\"claude-haiku-4-5\",\"stream\":true,"
                + "\"messages\":[]}").header("x-api-key", DYING_KEY));

        SseFrames frames = SseFrames.parse(response.body());
        assertThat(frames.eventNames()).containsExactly("message_start", "error");
        assertThat(frames.first("error").data().at("/error/type").asText()).isEqualTo("api_error");
        RequestCompleted event = sink.awaitEvent(response.headers().firstValue("request-id").orElseThrow());
        assertThat(event.errorType()).isEqualTo("api_error");
        assertThat(event.usage().inputTokens()).isEqualTo(30);
    }

    @Test
    void anUnreachableUpstreamIsAnApiError() throws Exception {
        HttpResponse<String> response = send(messages("{\"model\":\"claude-haiku-4-5\",\"messages\":[]}")
                .header("x-api-key", DEAD_KEY));

        assertError(response, 500, "api_error", "could not connect to provider \"dead-1\"");
    }

    @Test
    void anUpstreamThatDoesNotAnswerInTimeIsATimeoutError() throws Exception {
        CountDownLatch testDone = new CountDownLatch(1);
        upstream.respondWith(exchange -> {
            testDone.await(10, TimeUnit.SECONDS);
            FakeAnthropic.json(exchange, 200, "{}");
        });
        CollectingEventSink timeoutSink = new CollectingEventSink();
        try (ProxyServer impatient = ProxyServer.start(ProxySettings.defaults().withPort(0)
                .withUpstreamTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)), directory, timeoutSink)) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + impatient.port() + "/v1/messages"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-haiku-4-5\",\"messages\":[]}"))
                    .header("x-api-key", ANTHROPIC_KEY).build(), HttpResponse.BodyHandlers.ofString());

            assertError(response, 504, "timeout_error", "did not respond within");
            assertThat(timeoutSink.awaitEvent(response.headers().firstValue("request-id").orElseThrow())
                    .errorType()).isEqualTo("timeout_error");
        } finally {
            testDone.countDown();
        }
    }

    // ---- refusals

    @Test
    void aMissingKeyIsRefused() throws Exception {
        assertError(send(messages(MOCK_BODY.formatted(""))), 401, "authentication_error", "missing API key");
    }

    @Test
    void anUnknownKeyIsRefusedWithoutEchoingIt() throws Exception {
        HttpResponse<String> response = send(messages(MOCK_BODY.formatted("")).header("x-api-key", "tp-not-a-key"));

        assertError(response, 401, "authentication_error", "invalid API key");
        assertThat(response.body()).doesNotContain("tp-not-a-key");
    }

    @Test
    void aRevokedKeyIsRefusedAsRevoked() throws Exception {
        HttpResponse<String> response = send(messages(MOCK_BODY.formatted(""))
                .header("authorization", "Bearer " + REVOKED_KEY));

        assertError(response, 401, "authentication_error", "revoked");
        assertThat(response.body()).doesNotContain(REVOKED_KEY);
    }

    @Test
    void badMetadataIsRefusedWithAHelpfulMessageAndRecorded() throws Exception {
        HttpResponse<String> response = send(messages(MOCK_BODY.formatted(""))
                .header("x-api-key", MOCK_KEY)
                .header("x-portkey-metadata", "{\"team\":7}"));

        assertError(response, 400, "invalid_request_error",
                "x-portkey-metadata must be a JSON object of string values: value of \"team\" is a number");
        RequestCompleted event = sink.awaitEvent(response.headers().firstValue("request-id").orElseThrow());
        assertThat(event.httpStatus()).isEqualTo(400);
        assertThat(event.errorType()).isEqualTo("invalid_request_error");
    }

    @Test
    void aBodyWithoutAModelIsRefused() throws Exception {
        assertError(send(messages("{\"messages\":[]}").header("x-api-key", MOCK_KEY)), 400,
                "invalid_request_error", "model: field required");
    }

    @Test
    void aBodyOverTheCapIsRefusedAsTooLarge() throws Exception {
        String huge = MOCK_BODY.formatted(",\"padding\":\"" + "x".repeat((int) MAX_BODY) + "\"");

        assertError(send(messages(huge).header("x-api-key", MOCK_KEY)), 413, "request_too_large",
                "exceeds the maximum of 65536 bytes");
    }

    @Test
    void aChunkedBodyOverTheCapIsRefusedAsTooLarge() throws Exception {
        byte[] huge = MOCK_BODY.formatted(",\"padding\":\"" + "x".repeat((int) MAX_BODY) + "\"")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(proxyUri("/v1/messages"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                .header("x-api-key", MOCK_KEY).build();

        assertError(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()), 413, "request_too_large",
                "exceeds the maximum");
    }

    @Test
    void aMisconfiguredRouteIsAnApiErrorNamingTheConfig() throws Exception {
        assertError(send(messages(MOCK_BODY.formatted("")).header("x-api-key", BROKEN_KEY)), 500, "api_error",
                "routing config \"cfg-broken\" is misconfigured: targets[0].provider: provider 'nobody' is not "
                        + "registered");
    }

    @Test
    void unknownPathsAreNotFoundAndWrongMethodsNotAllowed() throws Exception {
        HttpResponse<String> notFound = CLIENT.send(HttpRequest.newBuilder(proxyUri("/v1/complete"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrongMethod = CLIENT.send(HttpRequest.newBuilder(proxyUri("/v1/messages")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertError(notFound, 404, "not_found_error", "/v1/complete");
        assertError(wrongMethod, 405, "invalid_request_error", "use POST");
    }

    @Test
    void healthSaysOk() throws Exception {
        HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(proxyUri("/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body())).isEqualTo(JSON.readTree("{\"status\":\"ok\"}"));
    }

    // ---- helpers

    private static void assertError(HttpResponse<String> response, int status, String type, String messagePart)
            throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        String requestId = response.headers().firstValue("request-id").orElseThrow();
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("type").asText()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isEqualTo(type);
        assertThat(body.at("/error/message").asText()).contains(messagePart);
        assertThat(body.get("request_id").asText()).isEqualTo(requestId);
    }

    private static HttpRequest.Builder messages(String body) {
        return HttpRequest.newBuilder(proxyUri("/v1/messages"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI proxyUri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + proxy.port() + pathAndQuery);
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
