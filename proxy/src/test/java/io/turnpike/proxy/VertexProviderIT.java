package io.turnpike.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.events.request.TokenUsage;
import io.turnpike.proxy.fakes.FakeVertex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A real proxy routing to provider type {@code vertex}, against {@link FakeVertex} and its token endpoint. */
class VertexProviderIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String KEY = "tp-vertex-key-0001";
    private static final String VERTEX_MODEL = "claude-sonnet-4-5@20250929";
    private static final String BODY = """
            {"model":"claude-sonnet-4-5","max_tokens":256,"temperature":0.5,\
            "messages":[{"role":"user","content":"Hello there"}],"context_management":{"edits":[]}%s}""";
    /** 25 in, 12 out, 100 cache reads, 40 five-minute cache writes. */
    private static final FakeVertex.Usage USAGE = new FakeVertex.Usage(25, 12, 100, 40);
    /** Sonnet 4.5 in nano-USD per token: 25×3000 + 12×15000 + 100×300 + 40×3750. */
    private static final long COST_NANO_USD = 435_000L;

    private FakeVertex vertex;
    private CollectingEventSink sink;
    private ProxyServer proxy;

    @BeforeEach
    void start() throws IOException {
        vertex = FakeVertex.start();
        vertex.setUsage(USAGE);
        startProxy(vertex.providerSecret());
    }

    private void startProxy(String secret) {
        InMemoryGatewayDirectory directory = new InMemoryGatewayDirectory()
                .provider(new ProviderAccount("vertex-1", "vertex", Map.of("project_id", "acme-ai",
                        "region", "us-east5", "endpoint_url", vertex.endpointUrl()), secret))
                .config(new RoutingConfig("cfg-vertex", 1, """
                        {"strategy":{"mode":"single"},"targets":[{"provider":"@vertex-1",
                         "override_params":{"model":"%s"}}]}""".formatted(VERTEX_MODEL)))
                .key(KEY, new KeyGrant("key-vertex", "vertex", "cfg-vertex", Map.of("team", "ml"), false));
        sink = new CollectingEventSink();
        proxy = ProxyServer.start(ProxySettings.defaults().withPort(0)
                .withUpstreamTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(20)), directory, sink);
    }

    @AfterEach
    void stop() {
        proxy.close();
        vertex.close();
    }

    @Test
    void aMessageGoesToRawPredictWithTheVertexBodyAndIsBilledExactly() throws Exception {
        HttpResponse<String> response = send(post("/v1/messages?beta=true", BODY.formatted(""))
                .header("anthropic-beta", "context-management-2025-06-27"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode message = JSON.readTree(response.body());
        assertThat(message.at("/content/0/text").asText()).isEqualTo("Hello from Vertex");
        assertThat(message.at("/model").asText()).isEqualTo(VERTEX_MODEL);

        FakeVertex.Received received = vertex.lastReceived();
        assertThat(received.project()).isEqualTo("acme-ai");
        assertThat(received.location()).isEqualTo("us-east5");
        assertThat(received.model()).isEqualTo(VERTEX_MODEL);
        assertThat(received.method()).isEqualTo("rawPredict");
        assertThat(received.header("anthropic-beta")).isEqualTo("context-management-2025-06-27");
        assertThat(received.header("x-api-key")).isNull();
        assertThat(received.body()).isEqualTo("""
                {"max_tokens":256,"temperature":0.5,"messages":[{"role":"user","content":"Hello there"}],\
                "context_management":{"edits":[]},"anthropic_version":"vertex-2023-10-16"}""");

        RequestCompleted event = sink.awaitEvent(requestId(response));
        assertThat(event.providerType()).isEqualTo("vertex");
        assertThat(event.provider()).isEqualTo("vertex-1");
        assertThat(event.requestedModel()).isEqualTo("claude-sonnet-4-5");
        assertThat(event.servedModel()).isEqualTo(VERTEX_MODEL);
        assertThat(event.httpStatus()).isEqualTo(200);
        assertThat(event.errorType()).isNull();
        assertThat(event.usage()).isEqualTo(new TokenUsage(25, 12, 100, 40, 0));
        assertThat(event.costNanoUsd()).isEqualTo(COST_NANO_USD);
    }

    @Test
    void aStreamGoesToStreamRawPredictAndIsRelayedAsSse() throws Exception {
        vertex.setResponseModel("claude-sonnet-4-5-20250929");

        HttpResponse<String> response = send(post("/v1/messages", BODY.formatted(",\"stream\":true")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        SseFrames frames = SseFrames.parse(response.body());
        assertThat(frames.eventNames()).containsExactly("message_start", "ping", "content_block_start",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(frames.text()).isEqualTo("Hello from Vertex");
        assertThat(vertex.lastReceived().method()).isEqualTo("streamRawPredict");
        assertThat(vertex.lastReceived().json().path("stream").asBoolean()).isTrue();

        RequestCompleted event = sink.awaitEvent(requestId(response));
        assertThat(event.stream()).isTrue();
        assertThat(event.servedModel()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(event.usage()).isEqualTo(new TokenUsage(25, 12, 100, 40, 0));
        assertThat(event.costNanoUsd()).isEqualTo(COST_NANO_USD);
    }

    private static final String FORCED_TOOL_BODY = """
            {"model":"claude-sonnet-4-5","max_tokens":256,"messages":[{"role":"user","content":"Weather in Paris?"}],\
            "tools":[{"name":"get_time","input_schema":{"type":"object","properties":{}}},\
            {"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"},\
            "unit":{"type":"string"}},"required":["city","unit"]}}],"tool_choice":{"type":"tool","name":"get_weather"}%s}""";

    @Test
    void aForcedToolComesBackAsAToolUseBlockAndIsBilledExactly() throws Exception {
        vertex.setForcedToolReply("Paris", USAGE);

        HttpResponse<String> response = send(post("/v1/messages", FORCED_TOOL_BODY.formatted("")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode message = JSON.readTree(response.body());
        assertThat(message.get("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(message.get("content")).hasSize(1);
        assertThat(message.at("/content/0/type").asText()).isEqualTo("tool_use");
        assertThat(message.at("/content/0/id").asText()).startsWith("toolu_");
        assertThat(message.at("/content/0/name").asText()).isEqualTo("get_weather");
        assertThat(message.at("/content/0/input")).isEqualTo(JSON.readTree("{\"city\":\"Paris\",\"unit\":\"Paris\"}"));
        assertThat(vertex.lastReceived().json().get("tool_choice").get("name").asText()).isEqualTo("get_weather");

        RequestCompleted event = sink.awaitEvent(requestId(response));
        assertThat(event.usage()).isEqualTo(new TokenUsage(25, 12, 100, 40, 0));
        assertThat(event.costNanoUsd()).isEqualTo(COST_NANO_USD);
    }

    @Test
    void aStreamedForcedToolArrivesAsInputJsonDeltasAndIsBilledExactly() throws Exception {
        vertex.setForcedToolReply("Paris", USAGE);

        HttpResponse<String> response = send(post("/v1/messages",
                FORCED_TOOL_BODY.replace("\"type\":\"tool\",\"name\":\"get_weather\"", "\"type\":\"any\"")
                        .formatted(",\"stream\":true")));

        assertThat(response.statusCode()).isEqualTo(200);
        SseFrames frames = SseFrames.parse(response.body());
        assertThat(frames.eventNames()).startsWith("message_start", "content_block_start", "ping",
                "content_block_delta").endsWith("content_block_stop", "message_delta", "message_stop");
        JsonNode block = frames.first("content_block_start").data().get("content_block");
        assertThat(block.get("type").asText()).isEqualTo("tool_use");
        assertThat(block.get("name").asText()).as("tool_choice any: the first tool").isEqualTo("get_time");
        assertThat(frames.inputJson()).isEqualTo("{}");
        assertThat(frames.first("message_delta").data().at("/delta/stop_reason").asText()).isEqualTo("tool_use");

        RequestCompleted event = sink.awaitEvent(requestId(response));
        assertThat(event.stream()).isTrue();
        assertThat(event.usage()).isEqualTo(new TokenUsage(25, 12, 100, 40, 0));
        assertThat(event.costNanoUsd()).isEqualTo(COST_NANO_USD);
    }

    @Test
    void theAccessTokenIsFetchedOnceAndReusedAcrossRequests() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send(post("/v1/messages", BODY.formatted(""))).statusCode()).isEqualTo(200);
        }
        assertThat(send(post("/v1/messages", BODY.formatted(",\"stream\":true"))).statusCode()).isEqualTo(200);

        assertThat(vertex.tokenRequests()).isEqualTo(1);
        assertThat(vertex.rejectedAssertions()).isEmpty();
        String firstToken = vertex.received().get(0).header("authorization");
        assertThat(vertex.received()).hasSize(4).extracting(r -> r.header("authorization")).containsOnly(firstToken);
    }

    @Test
    void aRevokedTokenIsAnAuthenticationErrorOnceAndThenReplaced() throws Exception {
        assertThat(send(post("/v1/messages", BODY.formatted(""))).statusCode()).isEqualTo(200);
        vertex.revokeIssuedTokens();

        HttpResponse<String> refused = send(post("/v1/messages", BODY.formatted("")));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).at("/error/type").asText()).isEqualTo("authentication_error");

        assertThat(send(post("/v1/messages", BODY.formatted(""))).statusCode()).isEqualTo(200);
        assertThat(vertex.tokensIssued()).isEqualTo(2);
    }

    @Test
    void aGoogleRateLimitBecomesAnAnthropicRateLimitErrorWithRetryAfter() throws Exception {
        vertex.failNextPredict(429, FakeVertex.googleError(429, "RESOURCE_EXHAUSTED",
                "Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model"),
                Map.of("retry-after", "7"));

        HttpResponse<String> response = send(post("/v1/messages", BODY.formatted("")));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).contains("7");
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.at("/error/message").asText()).startsWith("Quota exceeded");
        assertThat(error.path("request_id").asText()).isEqualTo(requestId(response));

        RequestCompleted event = sink.awaitEvent(requestId(response));
        assertThat(event.httpStatus()).isEqualTo(429);
        assertThat(event.errorType()).isEqualTo("rate_limit_error");
        assertThat(event.costNanoUsd()).isZero();
    }

    @Test
    void anAnthropicShapedUpstreamErrorPassesThroughUnmodified() throws Exception {
        String upstream = FakeVertex.anthropicError("invalid_request_error",
                "prompt is too long: 210000 tokens > 200000 maximum");
        vertex.failNextPredict(400, upstream);

        HttpResponse<String> response = send(post("/v1/messages", BODY.formatted("")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(upstream);
        assertThat(sink.awaitEvent(requestId(response)).errorType()).isEqualTo("invalid_request_error");
    }

    @Test
    void aFailingTokenEndpointIsAnApiErrorThatRevealsNoSecret() throws Exception {
        vertex.failTokenRequests(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT\"}");

        HttpResponse<String> response = send(post("/v1/messages", BODY.formatted("")));

        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.at("/error/type").asText()).isEqualTo("api_error");
        assertThat(error.at("/error/message").asText()).contains("could not obtain a Google access token");
        assertThat(response.body()).doesNotContain("PRIVATE KEY", FakeVertex.CLIENT_EMAIL, "invalid_grant");
        assertThat(vertex.received()).isEmpty();

        vertex.healTokenRequests();
        assertThat(send(post("/v1/messages", BODY.formatted(""))).statusCode()).isEqualTo(200);
    }

    @Test
    void aKeyTheTokenEndpointCannotVerifyIsRefused() throws Exception {
        proxy.close();
        try (FakeVertex stranger = FakeVertex.start()) {
            ObjectNode foreignKey = (ObjectNode) JSON.readTree(stranger.serviceAccountJson());
            foreignKey.put("token_uri", vertex.tokenUri());
            startProxy(JSON.createObjectNode().put("service_account_json", foreignKey.toString()).toString());
        }

        HttpResponse<String> response = send(post("/v1/messages", BODY.formatted("")));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(vertex.rejectedAssertions()).containsExactly(
                "signature does not verify with the service account's public key");
        assertThat(vertex.received()).isEmpty();
    }

    @Test
    void countTokensAsksVertexWithTheMappedModel() throws Exception {
        vertex.setCountTokensResult(1234);

        HttpResponse<String> response = send(post("/v1/messages/count_tokens",
                "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"input_tokens\":1234}"));
        FakeVertex.Received received = vertex.lastReceived();
        assertThat(received.model()).isEqualTo("count-tokens");
        assertThat(received.method()).isEqualTo("rawPredict");
        assertThat(received.json().path("model").asText()).isEqualTo(VERTEX_MODEL);
        assertThat(received.json().path("anthropic_version").asText()).isEqualTo("vertex-2023-10-16");
    }

    @Test
    void theFakeRefusesModelCallsWithoutAnIssuedToken() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(vertex.endpointUrl()
                        + "/v1/projects/acme-ai/locations/us-east5/publishers/anthropic/models/" + VERTEX_MODEL
                        + ":rawPredict"))
                .header("authorization", "Bearer ya29.made-up")
                .POST(HttpRequest.BodyPublishers.ofString("{\"anthropic_version\":\"vertex-2023-10-16\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path))
                .header("content-type", "application/json")
                .header("x-api-key", KEY)
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue("request-id").orElseThrow();
    }
}
