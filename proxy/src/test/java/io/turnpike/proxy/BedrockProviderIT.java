package io.turnpike.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.events.request.TokenUsage;
import io.turnpike.proxy.fakes.FakeBedrock;
import io.turnpike.proxy.fakes.FakeBedrock.Script;
import io.turnpike.proxy.fakes.FakeBedrock.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A real proxy in front of hand-written fake Bedrock endpoints that verify SigV4 signatures with the AWS SDK. */
class BedrockProviderIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "us-east-1";
    private static final String ACCESS_KEY_ID = "AKIAFAKEBEDROCK0001";
    private static final String SECRET_ACCESS_KEY = "fake/Secret+Access+Key/0123456789abcdefghij";
    private static final String SESSION_ACCESS_KEY_ID = "ASIAFAKEBEDROCK0002";
    private static final String SESSION_TOKEN = "FwoGZXIvYXdzEFAKEsessiontoken//+==";
    private static final String BEDROCK_API_KEY = "ABSKQmVkcm9ja0FQSUtleS1mYWtl";
    private static final String MODEL = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

    private static final String STATIC_KEY = "tp-bedrock-static-0001";
    private static final String WRONG_SECRET_KEY = "tp-bedrock-wrong-0002";
    private static final String SESSION_KEY = "tp-bedrock-session-0003";
    private static final String WRONG_TOKEN_KEY = "tp-bedrock-badtoken-0004";
    private static final String API_KEY_KEY = "tp-bedrock-apikey-0005";
    private static final String ARN_KEY = "tp-bedrock-arn-0006";
    private static final String CHAIN_KEY = "tp-bedrock-chain-0007";
    /** The first source in the AWS default credentials chain; set only while this class runs. */
    private static final String CHAIN_ACCESS_KEY_PROPERTY = "aws.accessKeyId";
    private static final String CHAIN_SECRET_KEY_PROPERTY = "aws.secretAccessKey";
    private static final String ARN = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123";

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static FakeBedrock bedrock;
    private static FakeBedrock sessionBedrock;
    private static FakeBedrock apiKeyBedrock;
    private static CollectingEventSink sink;
    private static ProxyServer proxy;

    @BeforeAll
    static void start() throws IOException {
        bedrock = FakeBedrock.sigV4(REGION, ACCESS_KEY_ID, SECRET_ACCESS_KEY);
        sessionBedrock = FakeBedrock.sigV4(REGION, SESSION_ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN);
        apiKeyBedrock = FakeBedrock.apiKey(REGION, BEDROCK_API_KEY);
        System.setProperty(CHAIN_ACCESS_KEY_PROPERTY, ACCESS_KEY_ID);
        System.setProperty(CHAIN_SECRET_KEY_PROPERTY, SECRET_ACCESS_KEY);
        InMemoryGatewayDirectory directory = new InMemoryGatewayDirectory()
                .provider(sigV4Account("bedrock-static", bedrock, ACCESS_KEY_ID,
                        "{\"aws_secret_access_key\":\"" + SECRET_ACCESS_KEY + "\"}"))
                .provider(sigV4Account("bedrock-wrong", bedrock, ACCESS_KEY_ID,
                        "{\"aws_secret_access_key\":\"not-the-secret\"}"))
                .provider(sigV4Account("bedrock-session", sessionBedrock, SESSION_ACCESS_KEY_ID,
                        "{\"aws_secret_access_key\":\"" + SECRET_ACCESS_KEY + "\",\"aws_session_token\":\""
                                + SESSION_TOKEN + "\"}"))
                .provider(sigV4Account("bedrock-badtoken", sessionBedrock, SESSION_ACCESS_KEY_ID,
                        "{\"aws_secret_access_key\":\"" + SECRET_ACCESS_KEY + "\",\"aws_session_token\":\"stale\"}"))
                .provider(new ProviderAccount("bedrock-apikey", "bedrock", Map.of("region", REGION, "auth",
                        "api_key", "endpoint_url", apiKeyBedrock.endpointUrl()),
                        "{\"api_key\":\"" + BEDROCK_API_KEY + "\"}"))
                .provider(new ProviderAccount("bedrock-chain", "bedrock", Map.of("region", REGION,
                        "endpoint_url", bedrock.endpointUrl()), null))
                .config(single("cfg-chain", "{\"provider\":\"@bedrock-chain\"}"))
                .config(single("cfg-static", "{\"provider\":\"@bedrock-static\"}"))
                .config(single("cfg-wrong", "{\"provider\":\"@bedrock-wrong\"}"))
                .config(single("cfg-session", "{\"provider\":\"@bedrock-session\"}"))
                .config(single("cfg-badtoken", "{\"provider\":\"@bedrock-badtoken\"}"))
                .config(single("cfg-apikey", "{\"provider\":\"@bedrock-apikey\"}"))
                .config(single("cfg-arn", "{\"provider\":\"@bedrock-static\",\"override_params\":{\"model\":\""
                        + ARN + "\"}}"))
                .key(CHAIN_KEY, grant("chain", "cfg-chain"))
                .key(STATIC_KEY, grant("static", "cfg-static"))
                .key(WRONG_SECRET_KEY, grant("wrong", "cfg-wrong"))
                .key(SESSION_KEY, grant("session", "cfg-session"))
                .key(WRONG_TOKEN_KEY, grant("badtoken", "cfg-badtoken"))
                .key(API_KEY_KEY, grant("apikey", "cfg-apikey"))
                .key(ARN_KEY, grant("arn", "cfg-arn"));
        sink = new CollectingEventSink();
        proxy = ProxyServer.start(ProxySettings.defaults().withPort(0)
                .withUpstreamTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(20)), directory, sink);
    }

    @AfterAll
    static void stop() {
        System.clearProperty(CHAIN_ACCESS_KEY_PROPERTY);
        System.clearProperty(CHAIN_SECRET_KEY_PROPERTY);
        proxy.close();
        bedrock.close();
        sessionBedrock.close();
        apiKeyBedrock.close();
    }

    private static ProviderAccount sigV4Account(String id, FakeBedrock fake, String accessKeyId, String secret) {
        return new ProviderAccount(id, "bedrock", Map.of("region", REGION, "aws_access_key_id", accessKeyId,
                "endpoint_url", fake.endpointUrl()), secret);
    }

    private static RoutingConfig single(String id, String target) {
        return new RoutingConfig(id, 1, "{\"strategy\":{\"mode\":\"single\"},\"targets\":[" + target + "]}");
    }

    private static KeyGrant grant(String name, String configId) {
        return new KeyGrant("key-" + name, name, configId, Map.of("team", "bedrock-" + name), false);
    }

    private static String body(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":256,\"system\":\"Be brief.\",\"x_keep\":{\"n\":2.50},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello Bedrock\"}]" + (stream ? ",\"stream\":true" : "")
                + "}";
    }

    private static HttpRequest.Builder messages(String key, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/v1/messages"))
                .header("x-api-key", key)
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue("request-id").orElseThrow();
    }

    @Test
    void aSignedInvokeSucceedsAndTheEventCarriesExactUsageAndCost() throws Exception {
        bedrock.respondWith(Script.message("claude-sonnet-4-5-20250929", "Hi from Bedrock!",
                new Usage(100, 50, 1000, 200)));

        HttpResponse<String> response = send(messages(STATIC_KEY, body(MODEL, false))
                .header("anthropic-beta", "interleaved-thinking-2025-05-14, context-1m-2025-08-07")
                .header("anthropic-beta", "token-efficient-tools-2025-02-19"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode message = JSON.readTree(response.body());
        assertThat(message.at("/content/0/text").asText()).isEqualTo("Hi from Bedrock!");
        assertThat(response.headers().firstValue("upstream-request-id")).isPresent();

        FakeBedrock.Received received = bedrock.takeRequest();
        assertThat(received.authenticated()).isTrue();
        assertThat(received.header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY_ID + "/")
                .contains("/" + REGION + "/bedrock/aws4_request");
        assertThat(received.rawPath()).isEqualTo("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke");
        assertThat(received.modelId()).isEqualTo(MODEL);
        assertThat(received.header("x-api-key")).isNull();
        assertThat(new String(received.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":256,\"system\":\"Be brief.\","
                        + "\"x_keep\":{\"n\":2.50},\"messages\":[{\"role\":\"user\",\"content\":\"Hello Bedrock\"}],"
                        + "\"anthropic_beta\":[\"interleaved-thinking-2025-05-14\",\"context-1m-2025-08-07\","
                        + "\"token-efficient-tools-2025-02-19\"]}");

        RequestCompleted event = sink.awaitEvent(requestId(response));
        assertThat(event.provider()).isEqualTo("bedrock-static");
        assertThat(event.providerType()).isEqualTo("bedrock");
        assertThat(event.requestedModel()).isEqualTo(MODEL);
        assertThat(event.servedModel()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(event.httpStatus()).isEqualTo(200);
        assertThat(event.errorType()).isNull();
        assertThat(event.usage()).isEqualTo(new TokenUsage(100, 50, 1000, 200, 0));
        // 100 × $3/M + 50 × $15/M + 1000 × $0.30/M + 200 × $3.75/M
        assertThat(event.costNanoUsd()).isEqualTo(2_100_000L);
    }

    @Test
    void aSignedStreamArrivesAsAnthropicSseWithExactUsage() throws Exception {
        bedrock.respondWith(Script.message("claude-sonnet-4-5-20250929", "Hello there, streaming world",
                Usage.of(30, 12)));

        HttpResponse<String> response = send(messages(STATIC_KEY, body(MODEL, true)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        SseFrames frames = SseFrames.parse(response.body());
        assertThat(frames.eventNames()).containsExactly("message_start", "content_block_start",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
        assertThat(frames.text()).isEqualTo("Hello there, streaming world");

        FakeBedrock.Received received = bedrock.takeRequest();
        assertThat(received.authenticated()).isTrue();
        assertThat(received.operation()).isEqualTo("invoke-with-response-stream");
        assertThat(received.header("accept")).isEqualTo("application/vnd.amazon.eventstream");
        assertThat(received.json().has("stream")).isFalse();
        assertThat(received.json().has("anthropic_beta")).isFalse();

        RequestCompleted event = sink.awaitEvent(requestId(response));
        assertThat(event.stream()).isTrue();
        assertThat(event.errorType()).isNull();
        assertThat(event.servedModel()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(event.usage()).isEqualTo(new TokenUsage(30, 12, 0, 0, 0));
        // 30 × $3/M + 12 × $15/M
        assertThat(event.costNanoUsd()).isEqualTo(270_000L);
        assertThat(event.timeToFirstTokenMs()).isNotNull();
    }

    private static String forcedToolBody(boolean stream) {
        return "{\"model\":\"" + MODEL + "\",\"max_tokens\":256,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Weather in Paris?\"}],\"tools\":[{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\","
                + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}],"
                + "\"tool_choice\":{\"type\":\"tool\",\"name\":\"get_weather\"}" + (stream ? ",\"stream\":true" : "")
                + "}";
    }

    @Test
    void aForcedToolComesBackAsAToolUseBlockAndIsBilledExactly() throws Exception {
        bedrock.respondWith(Script.message("claude-sonnet-4-5-20250929", "not this text", Usage.of(1, 1)));
        bedrock.answerForcedToolsWith("Paris", Usage.of(60, 25));

        HttpResponse<String> response = send(messages(STATIC_KEY, forcedToolBody(false)));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode message = JSON.readTree(response.body());
        assertThat(message.get("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(message.at("/content/0/type").asText()).isEqualTo("tool_use");
        assertThat(message.at("/content/0/id").asText()).startsWith("toolu_");
        assertThat(message.at("/content/0/name").asText()).isEqualTo("get_weather");
        assertThat(message.at("/content/0/input")).isEqualTo(JSON.readTree("{\"city\":\"Paris\"}"));
        assertThat(bedrock.takeRequest().json().get("tool_choice")).isEqualTo(
                JSON.readTree("{\"type\":\"tool\",\"name\":\"get_weather\"}"));

        RequestCompleted event = sink.awaitEvent(requestId(response));
        assertThat(event.usage()).isEqualTo(new TokenUsage(60, 25, 0, 0, 0));
        // 60 × $3/M + 25 × $15/M
        assertThat(event.costNanoUsd()).isEqualTo(555_000L);
    }

    @Test
    void aStreamedForcedToolArrivesAsInputJsonDeltasAndIsBilledExactly() throws Exception {
        bedrock.respondWith(Script.message("claude-sonnet-4-5-20250929", "not this text", Usage.of(1, 1)));
        bedrock.answerForcedToolsWith("Paris, the one in France", Usage.of(60, 25));

        HttpResponse<String> response = send(messages(STATIC_KEY, forcedToolBody(true)));

        assertThat(response.statusCode()).isEqualTo(200);
        SseFrames frames = SseFrames.parse(response.body());
        assertThat(frames.eventNames()).startsWith("message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta")
                .endsWith("content_block_delta", "content_block_stop", "message_delta", "message_stop");
        JsonNode block = frames.first("content_block_start").data().get("content_block");
        assertThat(block.get("type").asText()).isEqualTo("tool_use");
        assertThat(block.get("name").asText()).isEqualTo("get_weather");
        assertThat(block.get("input")).isEmpty();
        assertThat(JSON.readTree(frames.inputJson())).isEqualTo(
                JSON.readTree("{\"city\":\"Paris, the one in France\"}"));
        assertThat(frames.first("message_delta").data().at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(bedrock.takeRequest().operation()).isEqualTo("invoke-with-response-stream");

        RequestCompleted event = sink.awaitEvent(requestId(response));
        assertThat(event.stream()).isTrue();
        assertThat(event.usage()).isEqualTo(new TokenUsage(60, 25, 0, 0, 0));
        assertThat(event.costNanoUsd()).isEqualTo(555_000L);
    }

    @Test
    void anArnFromOverrideParamsIsOnePathSegmentAndTheEventPricesTheArnModel() throws Exception {
        bedrock.respondWith(Script.message("claude-sonnet-4-5-20250929", "ok", Usage.of(10, 2)));

        HttpResponse<String> response = send(messages(ARN_KEY, body("claude-sonnet-4-5", false)));

        assertThat(response.statusCode()).isEqualTo(200);
        FakeBedrock.Received received = bedrock.takeRequest();
        assertThat(received.authenticated()).isTrue();
        assertThat(received.rawPath()).isEqualTo("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3A"
                + "application-inference-profile%2Fabc123/invoke");
        assertThat(received.modelId()).isEqualTo(ARN);
        RequestCompleted event = sink.awaitEvent(requestId(response));
        assertThat(event.requestedModel()).isEqualTo("claude-sonnet-4-5");
        assertThat(event.servedModel()).isEqualTo("claude-sonnet-4-5-20250929");
    }

    @Test
    void aWrongSecretIsRefusedByTheSignatureCheckAndAnsweredAsPermissionError() throws Exception {
        bedrock.respondWith(Script.message("claude-sonnet-4-5-20250929", "never", Usage.of(1, 1)));

        HttpResponse<String> response = send(messages(WRONG_SECRET_KEY, body(MODEL, false)));

        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.at("/type").asText()).isEqualTo("error");
        assertThat(error.at("/error/type").asText()).isEqualTo("permission_error");
        assertThat(error.at("/error/message").asText()).startsWith("The request signature we calculated does not match");
        assertThat(error.at("/request_id").asText()).isEqualTo(requestId(response));
        assertThat(bedrock.takeRequest().authenticated()).isFalse();
        RequestCompleted event = sink.awaitEvent(requestId(response));
        assertThat(event.httpStatus()).isEqualTo(403);
        assertThat(event.errorType()).isEqualTo("permission_error");
    }

    @Test
    void throttlingBeforeTheBodyIsA429RateLimitErrorWithRetryAfter() throws Exception {
        bedrock.respondWith(Script.httpError(429, "ThrottlingException", "Too many requests, please wait before "
                + "trying again.", "3"));

        HttpResponse<String> response = send(messages(STATIC_KEY, body(MODEL, true)));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("3");
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.at("/error/message").asText()).isEqualTo("Too many requests, please wait before trying again.");
        assertThat(sink.awaitEvent(requestId(response)).errorType()).isEqualTo("rate_limit_error");
    }

    @Test
    void anUnavailableServiceIsA529Overload() throws Exception {
        bedrock.respondWith(Script.httpError(503, "ServiceUnavailableException", "Bedrock is unavailable."));

        HttpResponse<String> response = send(messages(STATIC_KEY, body(MODEL, false)));

        assertThat(response.statusCode()).isEqualTo(529);
        assertThat(JSON.readTree(response.body()).at("/error/type").asText()).isEqualTo("overloaded_error");
    }

    @Test
    void aThrottlingExceptionFrameMidStreamBecomesAnSseRateLimitError() throws Exception {
        bedrock.respondWith(Script.streamFailing("claude-sonnet-4-5-20250929", "partial answer", Usage.of(40, 5),
                "throttlingException", "Too many tokens, please wait before trying again."));

        HttpResponse<String> response = send(messages(STATIC_KEY, body(MODEL, true)));

        assertThat(response.statusCode()).isEqualTo(200);
        SseFrames frames = SseFrames.parse(response.body());
        assertThat(frames.eventNames()).startsWith("message_start").endsWith("error")
                .doesNotContain("message_stop");
        assertThat(frames.text()).isEqualTo("partial answer");
        SseFrames.Frame error = frames.first("error");
        assertThat(error.data().at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.data().at("/error/message").asText())
                .isEqualTo("Too many tokens, please wait before trying again.");
        RequestCompleted event = sink.awaitEvent(requestId(response));
        assertThat(event.errorType()).isEqualTo("rate_limit_error");
        // billed from what was seen: message_start's usage
        assertThat(event.usage()).isEqualTo(new TokenUsage(40, 1, 0, 0, 0));
    }

    @Test
    void aModelStreamErrorFrameBecomesAnSseApiError() throws Exception {
        bedrock.respondWith(Script.streamFailing("claude-sonnet-4-5-20250929", "x", Usage.of(3, 1),
                "modelStreamErrorException", "The model failed mid-stream."));

        HttpResponse<String> response = send(messages(STATIC_KEY, body(MODEL, true)));

        SseFrames.Frame error = SseFrames.parse(response.body()).first("error");
        assertThat(error.data().at("/error/type").asText()).isEqualTo("api_error");
        assertThat(sink.awaitEvent(requestId(response)).errorType()).isEqualTo("api_error");
    }

    @Test
    void aCorruptFrameEndsTheStreamWithAnErrorNotATruncation() throws Exception {
        bedrock.respondWith(Script.streamWithCorruptFrame("claude-sonnet-4-5-20250929", "never seen",
                Usage.of(3, 1)));

        HttpResponse<String> response = send(messages(STATIC_KEY, body(MODEL, true)));

        SseFrames frames = SseFrames.parse(response.body());
        assertThat(frames.eventNames()).containsExactly("message_start", "error");
        assertThat(frames.first("error").data().at("/error/message").asText()).contains("corrupt event-stream frame");
    }

    @Test
    void temporaryCredentialsSignWithTheSessionToken() throws Exception {
        sessionBedrock.respondWith(Script.message("claude-sonnet-4-5-20250929", "session ok", Usage.of(5, 2)));

        HttpResponse<String> response = send(messages(SESSION_KEY, body(MODEL, true)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SseFrames.parse(response.body()).text()).isEqualTo("session ok");
        FakeBedrock.Received received = sessionBedrock.takeRequest();
        assertThat(received.authenticated()).isTrue();
        assertThat(received.header("x-amz-security-token")).isEqualTo(SESSION_TOKEN);
        assertThat(received.header("authorization")).contains("x-amz-security-token");
    }

    @Test
    void aStaleSessionTokenIsRefused() throws Exception {
        HttpResponse<String> response = send(messages(WRONG_TOKEN_KEY, body(MODEL, false)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).at("/error/message").asText())
                .isEqualTo("The security token included in the request is invalid.");
    }

    @Test
    void withoutStaticKeysTheDefaultCredentialsChainSigns() throws Exception {
        bedrock.respondWith(Script.message("claude-sonnet-4-5-20250929", "chain ok", Usage.of(4, 2)));

        HttpResponse<String> response = send(messages(CHAIN_KEY, body(MODEL, true)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SseFrames.parse(response.body()).text()).isEqualTo("chain ok");
        FakeBedrock.Received received = bedrock.takeRequest();
        assertThat(received.authenticated()).isTrue();
        assertThat(received.header("authorization")).contains("Credential=" + ACCESS_KEY_ID + "/");
    }

    @Test
    void aBedrockApiKeyIsSentAsABearerTokenWithoutASignature() throws Exception {
        apiKeyBedrock.respondWith(Script.message("claude-sonnet-4-5-20250929", "api key ok", Usage.of(6, 3)));

        HttpResponse<String> response = send(messages(API_KEY_KEY, body(MODEL, false)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/content/0/text").asText()).isEqualTo("api key ok");
        FakeBedrock.Received received = apiKeyBedrock.takeRequest();
        assertThat(received.authenticated()).isTrue();
        assertThat(received.header("authorization")).isEqualTo("Bearer " + BEDROCK_API_KEY);
        assertThat(received.header("x-amz-date")).isNull();
        assertThat(sink.awaitEvent(requestId(response)).usage()).isEqualTo(new TokenUsage(6, 3, 0, 0, 0));
    }

    @Test
    void countTokensAsksBedrocksCountTokensApiForTheBareModel() throws Exception {
        bedrock.respondWith(Script.message("claude-sonnet-4-5-20250929", "unused", Usage.of(1, 1)));
        bedrock.countTokensAnswer(1234);

        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + proxy.port() + "/v1/messages/count_tokens"))
                .header("x-api-key", STATIC_KEY)
                .header("anthropic-beta", "token-counting-2024-11-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL + "\",\"messages\":"
                        + "[{\"role\":\"user\",\"content\":\"count me\"}]}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"input_tokens\":1234}"));
        FakeBedrock.Received received = bedrock.takeRequest();
        assertThat(received.authenticated()).isTrue();
        assertThat(received.rawPath()).isEqualTo("/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/count-tokens");
        JsonNode counted = received.countedInvokeBody();
        assertThat(counted.get("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
        assertThat(counted.at("/messages/0/content").asText()).isEqualTo("count me");
        assertThat(counted.get("anthropic_beta").toString()).isEqualTo("[\"token-counting-2024-11-01\"]");
        assertThat(counted.has("model")).isFalse();
    }

    @Test
    void countTokensErrorsAreMappedLikeInvokeErrors() throws Exception {
        bedrock.respondWith(Script.httpError(400, "ValidationException",
                "The provided model doesn't support counting tokens."));

        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + proxy.port() + "/v1/messages/count_tokens"))
                .header("x-api-key", STATIC_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL + "\",\"messages\":[]}")));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.at("/error/message").asText()).isEqualTo("The provided model doesn't support counting tokens.");
    }
}
