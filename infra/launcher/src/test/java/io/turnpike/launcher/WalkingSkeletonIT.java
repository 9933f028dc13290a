package io.turnpike.launcher;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The walking skeleton end to end, as a user runs it: admin API → key; the official Anthropic Java SDK → proxy →
 * fake Anthropic upstream; RequestCompleted → real Kafka → Flink MiniCluster → real ClickHouse → {@code /v1/logs}.
 * Runs on the shared stack; {@link StackRestartIT} restarts its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedStack.class)
class WalkingSkeletonIT {
    private static final String MODEL = "claude-sonnet-4-5";

    private static FakeAnthropicUpstream upstream;
    private static RunningStack stack;
    private static AdminClient admin;
    private static String anthropicKey;
    private static String mockKey;

    @BeforeAll
    static void registerKeys(RunningStack running) throws IOException {
        upstream = new FakeAnthropicUpstream();
        stack = running;
        admin = running.admin();

        admin.created("/v1/admin/providers", "{\"id\":\"anthropic-main\",\"type\":\"anthropic\",\"api_key\":\""
                + FakeAnthropicUpstream.API_KEY + "\",\"base_url\":\"" + upstream.baseUrl() + "\"}");
        admin.created("/v1/admin/providers", "{\"id\":\"mock-1\",\"type\":\"mock\"}");
        admin.created("/v1/admin/configs", "{\"id\":\"desktop-eng-prod\",\"config\":{\"targets\":[{\"provider\":\"@anthropic-main\"}]}}");
        admin.created("/v1/admin/configs", "{\"id\":\"offline\",\"config\":{\"strategy\":{\"mode\":\"single\"},\"targets\":[{\"provider\":\"@mock-1\"}]}}");
        anthropicKey = admin.created("/v1/admin/keys", "{\"name\":\"claude-desktop-eng-prod\",\"config\":\"desktop-eng-prod\","
                + "\"metadata\":{\"tenant\":\"acme\",\"team\":\"eng\",\"env\":\"prod\"}}").get("key").asText();
        mockKey = admin.created("/v1/admin/keys", "{\"name\":\"claude-desktop-support-dev\",\"config\":\"offline\","
                + "\"metadata\":{\"tenant\":\"acme\",\"team\":\"support\",\"env\":\"dev\"}}").get("key").asText();
    }

    @AfterAll
    static void stopUpstream() {
        if (upstream != null) {
            upstream.close();
        }
    }

    private static AnthropicClient sdk(String key, String user) {
        return AnthropicOkHttpClient.builder()
                .baseUrl(stack.proxyUrl())
                .authToken(key)
                .maxRetries(0)
                .putHeader("x-turnpike-metadata", "{\"user\":\"" + user + "\",\"team\":\"spoofed\"}")
                .build();
    }

    private static MessageCreateParams hello() {
        return MessageCreateParams.builder().model(MODEL).maxTokens(256).addUserMessage("Say hello.").build();
    }

    private static JsonNode awaitLog(String user) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            AdminClient.Response logs = admin.get("/v1/logs?tenant=acme&user=" + URLEncoder.encode(user, StandardCharsets.UTF_8));
            assertThat(logs.status()).isEqualTo(200);
            assertThat(logs.body().get("data")).hasSize(1);
            found[0] = logs.body().get("data").get(0);
        });
        return found[0];
    }

    @Test
    @Order(1)
    void nonStreamingCallThroughTheSdkIsLoggedWithTokensAndCost() {
        String user = "alice-" + UUID.randomUUID() + "@acme.com";
        Message message = sdk(anthropicKey, user).messages().create(hello());

        assertThat(message.content().get(0).asText().text()).isEqualTo(FakeAnthropicUpstream.REPLY);
        FakeAnthropicUpstream.Received received = upstream.received().get(upstream.received().size() - 1);
        assertThat(received.apiKey()).isEqualTo(FakeAnthropicUpstream.API_KEY);
        assertThat(received.authorization()).as("the gateway key never reaches the upstream").isNull();

        JsonNode log = awaitLog(user);
        assertThat(log.get("tenant").asText()).isEqualTo("acme");
        assertThat(log.get("team").asText()).as("key-bound metadata wins over the header").isEqualTo("eng");
        assertThat(log.get("env").asText()).isEqualTo("prod");
        assertThat(log.get("user").asText()).isEqualTo(user);
        assertThat(log.get("provider").asText()).isEqualTo("anthropic-main");
        assertThat(log.get("requested_model").asText()).isEqualTo(MODEL);
        assertThat(log.get("served_model").asText()).isEqualTo(MODEL + "-20250929");
        assertThat(log.get("stream").asBoolean()).isFalse();
        assertThat(log.get("http_status").asInt()).isEqualTo(200);
        assertThat(log.get("usage").get("input_tokens").asLong()).isEqualTo(25);
        assertThat(log.get("usage").get("output_tokens").asLong()).isEqualTo(12);
        // Sonnet 4.5: $3 in / $15 out per million tokens → 25×3000 + 12×15000 nano-USD.
        assertThat(log.get("cost_nano_usd").asLong()).isEqualTo(255_000L);
        assertThat(log.get("cost_usd").asText()).isEqualTo("0.000255");
    }

    @Test
    @Order(2)
    void streamingCallThroughTheSdkIsLoggedWithTokensAndCost() {
        String user = "bob-" + UUID.randomUUID() + "@acme.com";
        StringBuilder text = new StringBuilder();
        try (StreamResponse<RawMessageStreamEvent> events = sdk(anthropicKey, user).messages().createStreaming(hello())) {
            events.stream().filter(RawMessageStreamEvent::isContentBlockDelta)
                    .forEach(e -> e.asContentBlockDelta().delta().text().ifPresent(t -> text.append(t.text())));
        }
        assertThat(text.toString()).isEqualTo(FakeAnthropicUpstream.REPLY);

        JsonNode log = awaitLog(user);
        assertThat(log.get("stream").asBoolean()).isTrue();
        assertThat(log.get("team").asText()).isEqualTo("eng");
        assertThat(log.get("usage").get("input_tokens").asLong()).isEqualTo(30);
        assertThat(log.get("usage").get("output_tokens").asLong()).as("message_delta overwrites, never adds").isEqualTo(40);
        assertThat(log.get("usage").get("cache_read_input_tokens").asLong()).isEqualTo(10);
        // 30×3000 + 40×15000 + 10×300 (cache read at a tenth of input) nano-USD.
        assertThat(log.get("cost_nano_usd").asLong()).isEqualTo(693_000L);
    }

    @Test
    @Order(3)
    void mockProviderAnswersOfflineInBothModes() {
        String user = "carol-" + UUID.randomUUID() + "@acme.com";
        AnthropicClient client = sdk(mockKey, user);
        Message message = client.messages().create(hello());
        assertThat(message.content().get(0).asText().text()).isNotBlank();
        assertThat(message.usage().inputTokens()).isPositive();
        StringBuilder streamed = new StringBuilder();
        try (StreamResponse<RawMessageStreamEvent> events = client.messages().createStreaming(hello())) {
            events.stream().filter(RawMessageStreamEvent::isContentBlockDelta)
                    .forEach(e -> e.asContentBlockDelta().delta().text().ifPresent(t -> streamed.append(t.text())));
        }
        assertThat(streamed.toString()).as("deterministic").isEqualTo(message.content().get(0).asText().text());

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode data = admin.get("/v1/logs?team=support&user=" + URLEncoder.encode(user, StandardCharsets.UTF_8))
                    .body().get("data");
            assertThat(data).hasSize(2);
            assertThat(data.get(0).get("provider_type").asText()).isEqualTo("mock");
            assertThat(data.get(0).get("stream").asBoolean()).as("newest first").isTrue();
            assertThat(data.get(0).get("usage").get("output_tokens").asLong())
                    .isEqualTo(message.usage().outputTokens());
        });
    }

    @Test
    @Order(4)
    void revokedKeyIsRefused() {
        JsonNode issued = admin.created("/v1/admin/keys", "{\"name\":\"to-revoke\",\"config\":\"offline\","
                + "\"metadata\":{\"tenant\":\"acme\",\"team\":\"eng\",\"env\":\"dev\"}}");
        AnthropicClient client = sdk(issued.get("key").asText(), "dave@acme.com");
        assertThat(client.messages().create(hello()).content()).isNotEmpty();

        assertThat(admin.delete("/v1/admin/keys/" + issued.get("id").asText()).status()).isEqualTo(200);

        assertThatThrownBy(() -> client.messages().create(hello())).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    @Order(5)
    void malformedMetadataGetsAHelpfulBadRequest() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.proxyUrl() + "/v1/messages"))
                .header("authorization", "Bearer " + mockKey)
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .header("x-turnpike-metadata", "{\"user\": a@acme.com}")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL
                        + "\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        assertThat(body.get("type").asText()).isEqualTo("error");
        assertThat(body.get("error").get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.get("error").get("message").asText()).contains("x-turnpike-metadata");
    }
}
