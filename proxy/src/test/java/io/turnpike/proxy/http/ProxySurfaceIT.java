package io.turnpike.proxy.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.events.request.TokenUsage;
import io.turnpike.events.telemetry.TelemetryReceived.Signal;
import io.turnpike.events.telemetry.TelemetryReceived;
import io.turnpike.proxy.CollectingEventSink;
import io.turnpike.proxy.InMemoryGatewayDirectory;
import io.turnpike.proxy.KeyGrant;
import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.ProxyServer;
import io.turnpike.proxy.ProxySettings;
import io.turnpike.proxy.RetryTiming;
import io.turnpike.proxy.RoutingConfig;
import io.turnpike.proxy.attempts.UpstreamAttempts;
import io.turnpike.proxy.auth.ModelAllowLists;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.exchange.RequestEventFactory;
import io.turnpike.proxy.fakes.FakeAnthropic;
import io.turnpike.proxy.health.TargetHealth;
import io.turnpike.proxy.models.ModelCatalogue;
import io.turnpike.proxy.pricing.PriceSource;
import io.turnpike.proxy.pricing.PriceTable;
import io.turnpike.proxy.providers.AttemptOutcome;
import io.turnpike.proxy.providers.Provider;
import io.turnpike.proxy.providers.Providers;
import io.turnpike.proxy.retry.RetryRule;
import io.turnpike.proxy.telemetry.OtlpSamples;
import io.turnpike.proxy.usage.TokenEstimator;
import io.turnpike.proxy.wire.MessagesRequest;
import io.undertow.Undertow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client-facing surface beyond {@code /v1/messages}, against a real proxy: count_tokens (mock, forwarded to
 * a fake Anthropic, local estimate), the models list and its allow-list, and the OTLP receiver.
 */
class ProxySurfaceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UPSTREAM_SECRET = "sk-ant-upstream-secret";
    private static final String MOCK_KEY = "tp-surface-mock-0001";
    private static final String ANTHROPIC_KEY = "tp-surface-anthropic-0002";
    private static final String RESTRICTED_KEY = "tp-surface-restricted-0003";
    private static final String REVOKED_KEY = "tp-surface-revoked-0004";
    private static final String COUNT_BODY = """
            {"model":"claude-sonnet-4-5","system":"You are terse.",
             "messages":[{"role":"user","content":[{"type":"text","text":"Hello there"}]}]}""";

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static FakeAnthropic upstream;
    private static InMemoryGatewayDirectory directory;
    private static CollectingEventSink sink;
    private static ProxyServer proxy;

    @BeforeAll
    static void start() throws IOException {
        upstream = FakeAnthropic.start();
        directory = new InMemoryGatewayDirectory()
                .provider(new ProviderAccount("mock-1", "mock", Map.of(), null))
                .provider(new ProviderAccount("anthropic-1", "anthropic", Map.of("base_url", upstream.baseUrl()),
                        UPSTREAM_SECRET))
                .config(new RoutingConfig("cfg-mock", 1, "{\"targets\":[{\"provider\":\"@mock-1\"}]}"))
                .config(new RoutingConfig("cfg-anthropic", 1, "{\"targets\":[{\"provider\":\"@anthropic-1\"}]}"))
                .config(new RoutingConfig("cfg-restricted", 2, """
                        {"allowed_models":["claude-sonnet-4-5","claude-haiku-4-5"],
                         "targets":[{"provider":"@mock-1"}]}"""))
                .key(MOCK_KEY, new KeyGrant("key-mock", "mock", "cfg-mock",
                        Map.of("tenant", "acme", "team", "payments"), false))
                .key(ANTHROPIC_KEY, new KeyGrant("key-anthropic", "anthropic", "cfg-anthropic", Map.of(), false))
                .key(RESTRICTED_KEY, new KeyGrant("key-restricted", "restricted", "cfg-restricted",
                        Map.of("tenant", "acme"), false))
                .key(REVOKED_KEY, new KeyGrant("key-revoked", "revoked", "cfg-mock", Map.of(), true));
        sink = new CollectingEventSink();
        proxy = ProxyServer.start(ProxySettings.defaults().withPort(0).withMaxRequestBodyBytes(256 * 1024)
                .withUpstreamTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(20)), directory, sink);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.close();
    }

    // ---- count_tokens

    @Test
    void mockCountsTheTokensItsReplyWillReportAndTheCountIsRecordedFree() throws Exception {
        HttpResponse<String> counted = send(post("/v1/messages/count_tokens?beta=true", COUNT_BODY)
                .header("authorization", "Bearer " + MOCK_KEY)
                .header("x-turnpike-metadata", "{\"user\":\"ada\"}"));
        HttpResponse<String> replied = send(post("/v1/messages", COUNT_BODY.replace("{\"model\"",
                "{\"max_tokens\":64,\"model\"")).header("x-api-key", MOCK_KEY));

        assertThat(counted.statusCode()).isEqualTo(200);
        assertThat(counted.headers().firstValue("x-turnpike-token-count")).hasValue("provider");
        assertThat(JSON.readTree(counted.body()).get("input_tokens").asLong()).isEqualTo(7)
                .isEqualTo(JSON.readTree(replied.body()).at("/usage/input_tokens").asLong());

        RequestCompleted event = sink.awaitEvent(requestId(counted));
        assertThat(event.endpoint()).isEqualTo("/v1/messages/count_tokens");
        assertThat(event.httpStatus()).isEqualTo(200);
        assertThat(event.errorType()).isNull();
        assertThat(event.keyId()).isEqualTo("key-mock");
        assertThat(event.user()).isEqualTo("ada");
        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.provider()).isEqualTo("mock-1");
        assertThat(event.requestedModel()).isEqualTo("claude-sonnet-4-5");
        assertThat(event.usage()).isEqualTo(TokenUsage.NONE);
        assertThat(event.costNanoUsd()).isZero();
        assertThat(sink.awaitEvent(requestId(replied)).costNanoUsd()).isPositive();
    }

    @Test
    void anthropicCountsUpstreamWithTheProviderKeyAndOnlyAnthropicHeaders() throws Exception {
        upstream.respondWith(exchange -> FakeAnthropic.json(exchange, 200, "{\"input_tokens\":1234}"));

        HttpResponse<String> response = send(post("/v1/messages/count_tokens?beta=true", COUNT_BODY)
                .header("authorization", "Bearer " + ANTHROPIC_KEY)
                .header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", "token-counting-2024-11-01")
                .header("x-app", "cli")
                .header("x-stainless-lang", "js")
                .header("x-claude-code-session-id", "session-9")
                .header("x-turnpike-metadata", "{\"user\":\"ada\"}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("input_tokens").asLong()).isEqualTo(1234);
        assertThat(response.headers().firstValue("upstream-request-id")).hasValue("req_upstream_123");
        FakeAnthropic.Received received = upstream.takeRequest();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(received.query()).isEqualTo("beta=true");
        assertThat(received.header("x-api-key")).isEqualTo(UPSTREAM_SECRET);
        assertThat(received.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(received.header("anthropic-beta")).isEqualTo("token-counting-2024-11-01");
        assertThat(received.headers().keySet()).doesNotContain("authorization", "x-app", "x-stainless-lang",
                "x-claude-code-session-id", "x-turnpike-metadata");
        assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(COUNT_BODY);

        RequestCompleted event = sink.awaitEvent(requestId(response));
        assertThat(event.endpoint()).isEqualTo("/v1/messages/count_tokens");
        assertThat(event.providerType()).isEqualTo("anthropic");
        assertThat(event.sessionId()).isEqualTo("session-9");
        assertThat(event.usage()).isEqualTo(TokenUsage.NONE);
        assertThat(event.costNanoUsd()).isZero();
    }

    @Test
    void anUpstreamCountErrorPassesThroughUnchanged() throws Exception {
        String upstreamError = "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"messages: Field required\"}}";
        upstream.respondWith(exchange -> FakeAnthropic.json(exchange, 400, upstreamError));

        HttpResponse<String> response = send(post("/v1/messages/count_tokens", COUNT_BODY)
                .header("x-api-key", ANTHROPIC_KEY));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(upstreamError);
        assertThat(sink.awaitEvent(requestId(response)).errorType()).isEqualTo("invalid_request_error");
    }

    @Test
    void aProviderThatCannotCountGetsALocalEstimateFlaggedAsSuch() throws Exception {
        Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(new MessagesHandler(directory, new ModelAllowLists(directory,
                        ModelCatalogue.loadDefault()), new Providers(new NonCountingProvider()),
                        new CountTokensDispatch(new UpstreamAttempts(sink, RetryRule.of(RetryTiming.defaults(),
                                new Random(1)), Clock.systemUTC(), TargetHealth.ALWAYS_AVAILABLE)),
                        new RequestEventFactory(PriceSource.fixed(PriceTable.loadDefault())),
                        sink, Clock.systemUTC(), 64 * 1024))
                .build();
        server.start();
        try {
            int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/v1/messages/count_tokens"))
                    .header("x-api-key", MOCK_KEY).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(COUNT_BODY)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("x-turnpike-token-count")).hasValue("estimated");
            assertThat(JSON.readTree(response.body()).get("input_tokens").asLong())
                    .isEqualTo(TokenEstimator.estimate(COUNT_BODY.getBytes(StandardCharsets.UTF_8)));
            RequestCompleted event = sink.awaitEvent(requestId(response));
            assertThat(event.endpoint()).isEqualTo("/v1/messages/count_tokens");
            assertThat(event.httpStatus()).isEqualTo(200);
            assertThat(event.costNanoUsd()).isZero();
        } finally {
            server.stop();
        }
    }

    /** A provider type with no counting API: the interface's default {@code countTokens} applies. */
    private static final class NonCountingProvider implements Provider {
        @Override
        public String type() {
            return "mock";
        }

        @Override
        public CompletableFuture<AttemptOutcome> attempt(ProxyCall call, MessagesRequest request,
                                                         ProviderAccount account) {
            throw new AssertionError("count_tokens must not forward a message");
        }
    }

    // ---- models and the allow-list

    @Test
    void modelsListsTheWholeCatalogueWhenTheConfigDoesNotRestrict() throws Exception {
        HttpResponse<String> response = send(get("/v1/models?limit=1000").header("x-api-key", MOCK_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("request-id")).isPresent();
        JsonNode list = JSON.readTree(response.body());
        assertThat(list.get("data")).hasSize(ModelCatalogue.loadDefault().all().size());
        assertThat(list.get("has_more").asBoolean()).isFalse();
        assertThat(list.at("/data/0/type").asText()).isEqualTo("model");
        assertThat(list.get("first_id").asText()).isEqualTo(list.at("/data/0/id").asText());
        assertThat(ids(list)).contains("claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5",
                "claude-opus-5-5", "claude-sonnet-5");
    }

    @Test
    void modelsListsExactlyTheAllowedModels() throws Exception {
        HttpResponse<String> response = send(get("/v1/models").header("authorization", "Bearer " + RESTRICTED_KEY));

        JsonNode list = JSON.readTree(response.body());
        assertThat(ids(list)).containsExactly("claude-haiku-4-5", "claude-sonnet-4-5");
        assertThat(list.at("/data/0/display_name").asText()).isEqualTo("Claude Haiku 4.5");
        assertThat(list.at("/data/0/created_at").asText()).isEqualTo("2025-10-15T00:00:00Z");
        assertThat(list.get("last_id").asText()).isEqualTo("claude-sonnet-4-5");

        JsonNode firstPage = JSON.readTree(send(get("/v1/models?limit=1").header("x-api-key", RESTRICTED_KEY))
                .body());
        assertThat(ids(firstPage)).containsExactly("claude-haiku-4-5");
        assertThat(firstPage.get("has_more").asBoolean()).isTrue();
        JsonNode secondPage = JSON.readTree(send(get("/v1/models?limit=1&after_id=claude-haiku-4-5")
                .header("x-api-key", RESTRICTED_KEY)).body());
        assertThat(ids(secondPage)).containsExactly("claude-sonnet-4-5");
        assertThat(secondPage.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void getsOneAllowedModelByAnySpellingAndNotOthers() throws Exception {
        HttpResponse<String> found = send(get("/v1/models/claude-sonnet-4-5-20250929")
                .header("x-api-key", RESTRICTED_KEY));
        HttpResponse<String> notAllowed = send(get("/v1/models/claude-opus-4-1").header("x-api-key", RESTRICTED_KEY));
        HttpResponse<String> unknown = send(get("/v1/models/gpt-4o").header("x-api-key", MOCK_KEY));

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(found.body()).get("id").asText()).isEqualTo("claude-sonnet-4-5");
        assertError(notAllowed, 404, "not_found_error");
        assertError(unknown, 404, "not_found_error");
        assertThat(JSON.readTree(unknown.body()).at("/error/message").asText()).contains("gpt-4o");
    }

    @Test
    void modelsNeedAValidKey() throws Exception {
        assertError(send(get("/v1/models")), 401, "authentication_error");
        assertError(send(get("/v1/models/claude-sonnet-4-5").header("x-api-key", REVOKED_KEY)), 401,
                "authentication_error");
        assertError(send(post("/v1/models", "{}").header("x-api-key", MOCK_KEY)), 405, "invalid_request_error");
    }

    @Test
    void messagesRefusesAModelOutsideTheAllowListNamingTheAllowedOnes() throws Exception {
        HttpResponse<String> refused = send(post("/v1/messages",
                "{\"model\":\"claude-opus-4-1\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .header("x-api-key", RESTRICTED_KEY));
        HttpResponse<String> allowed = send(post("/v1/messages", "{\"model\":\"claude-sonnet-4-5-20250929\","
                + "\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .header("x-api-key", RESTRICTED_KEY));
        HttpResponse<String> refusedCount = send(post("/v1/messages/count_tokens",
                "{\"model\":\"claude-opus-4-1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .header("x-api-key", RESTRICTED_KEY));

        assertError(refused, 400, "invalid_request_error");
        assertThat(JSON.readTree(refused.body()).at("/error/message").asText())
                .contains("claude-opus-4-1").contains("claude-sonnet-4-5, claude-haiku-4-5");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertError(refusedCount, 400, "invalid_request_error");
        RequestCompleted event = sink.awaitEvent(requestId(refused));
        assertThat(event.httpStatus()).isEqualTo(400);
        assertThat(event.errorType()).isEqualTo("invalid_request_error");
        assertThat(event.costNanoUsd()).isZero();
    }

    // ---- OTLP

    enum Encoding { PROTOBUF, JSON, GZIP_PROTOBUF }

    static Stream<Arguments> exports() {
        return Arrays.stream(Signal.values())
                .flatMap(signal -> Arrays.stream(Encoding.values()).map(encoding -> Arguments.of(signal, encoding)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("exports")
    void telemetryIsAnsweredTheOtlpWayAndRecordedWithTheCallersAttribution(Signal signal, Encoding encoding)
            throws Exception {
        byte[] body = switch (encoding) {
            case PROTOBUF, GZIP_PROTOBUF -> protobuf(signal);
            case JSON -> OtlpSamples.utf8(json(signal));
        };
        if (encoding == Encoding.GZIP_PROTOBUF) {
            body = OtlpSamples.gzip(body);
        }
        String contentType = encoding == Encoding.JSON ? "application/json" : "application/x-protobuf";
        HttpRequest.Builder request = HttpRequest.newBuilder(proxyUri("/v1/" + signal.wireName()))
                .header("content-type", contentType)
                .header("authorization", "Bearer " + MOCK_KEY)
                .header("x-turnpike-metadata", "{\"user\":\"ada@acme.com\",\"env\":\"dev\"}")
                .header("user-agent", "OTel-OTLP-Exporter-JavaScript/0.57.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding == Encoding.GZIP_PROTOBUF) {
            request.header("content-encoding", "gzip");
        }

        HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue(contentType);
        if (encoding == Encoding.JSON) {
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
        } else {
            assertEmptyExportResponse(signal, response.body());
        }
        TelemetryReceived event = sink.awaitTelemetry(response.headers().firstValue("request-id").orElseThrow());
        assertThat(event.schemaVersion()).isEqualTo(TelemetryReceived.SCHEMA_VERSION);
        assertThat(event.signal()).isEqualTo(signal);
        assertThat(event.keyId()).isEqualTo("key-mock");
        assertThat(event.configId()).isEqualTo("cfg-mock");
        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.team()).isEqualTo("payments");
        assertThat(event.user()).isEqualTo("ada@acme.com");
        assertThat(event.env()).isEqualTo("dev");
        assertThat(event.metadata()).containsEntry("tenant", "acme").containsEntry("user", "ada@acme.com");
        assertThat(event.resourceAttributes())
                .containsEntry("service.name", "claude-code")
                .containsEntry("service.version", OtlpSamples.SERVICE_VERSION)
                .containsEntry("session.id", OtlpSamples.SESSION_ID)
                .containsEntry("user.email", OtlpSamples.EMAIL);
        assertThat(event.itemCount()).isEqualTo(switch (signal) {
            case METRICS -> 6L;
            case LOGS -> 3L;
            case TRACES -> 2L;
        });
        assertThat(event.bodyBytes()).isEqualTo(body.length);
        assertThat(event.contentType()).isEqualTo(contentType);
        assertThat(event.userAgent()).isEqualTo("OTel-OTLP-Exporter-JavaScript/0.57.0");
    }

    @ParameterizedTest
    @EnumSource(Signal.class)
    void telemetryWithABadKeyIsRefusedAndNotRecorded(Signal signal) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(proxyUri("/v1/" + signal.wireName()))
                .header("content-type", "application/x-protobuf").header("x-api-key", "tp-not-a-key")
                .POST(HttpRequest.BodyPublishers.ofByteArray(protobuf(signal))));

        assertError(response, 401, "authentication_error");
        assertThat(sink.findTelemetry(requestId(response))).isNull();
    }

    @ParameterizedTest
    @EnumSource(Signal.class)
    void malformedTelemetryIsABadRequestNamingTheSignal(Signal signal) throws Exception {
        HttpResponse<String> protobuf = send(HttpRequest.newBuilder(proxyUri("/v1/" + signal.wireName()))
                .header("content-type", "application/x-protobuf").header("x-api-key", MOCK_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[]{(byte) 0xFF, 0x01, 0x02})));
        HttpResponse<String> json = send(HttpRequest.newBuilder(proxyUri("/v1/" + signal.wireName()))
                .header("content-type", "application/json").header("x-api-key", MOCK_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceMetrics\":")));

        assertError(protobuf, 400, "invalid_request_error");
        assertThat(JSON.readTree(protobuf.body()).at("/error/message").asText()).contains(signal.wireName());
        assertError(json, 400, "invalid_request_error");
        assertThat(sink.findTelemetry(requestId(protobuf))).isNull();
    }

    // ---- helpers

    private static byte[] protobuf(Signal signal) {
        return switch (signal) {
            case METRICS -> OtlpSamples.metrics().toByteArray();
            case LOGS -> OtlpSamples.logs().toByteArray();
            case TRACES -> OtlpSamples.traces().toByteArray();
        };
    }

    private static String json(Signal signal) {
        return switch (signal) {
            case METRICS -> OtlpSamples.json(OtlpSamples.metrics());
            case LOGS -> OtlpSamples.json(OtlpSamples.logs());
            case TRACES -> OtlpSamples.json(OtlpSamples.traces());
        };
    }

    private static void assertEmptyExportResponse(Signal signal, byte[] body) throws Exception {
        switch (signal) {
            case METRICS -> assertThat(ExportMetricsServiceResponse.parseFrom(body))
                    .isEqualTo(ExportMetricsServiceResponse.getDefaultInstance());
            case LOGS -> assertThat(ExportLogsServiceResponse.parseFrom(body))
                    .isEqualTo(ExportLogsServiceResponse.getDefaultInstance());
            case TRACES -> assertThat(ExportTraceServiceResponse.parseFrom(body))
                    .isEqualTo(ExportTraceServiceResponse.getDefaultInstance());
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String type) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        String requestId = requestId(response);
        assertThat(requestId).matches("req_[0-9A-Za-z]{24}");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("type").asText()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isEqualTo(type);
        assertThat(body.at("/error/message").asText()).isNotBlank();
        assertThat(body.get("request_id").asText()).isEqualTo(requestId);
    }

    private static java.util.List<String> ids(JsonNode list) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        list.get("data").forEach(model -> ids.add(model.get("id").asText()));
        return ids;
    }

    private static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue("request-id").orElseThrow();
    }

    private static HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(proxyUri(path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(proxyUri(path)).GET();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI proxyUri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + proxy.port() + pathAndQuery);
    }
}
