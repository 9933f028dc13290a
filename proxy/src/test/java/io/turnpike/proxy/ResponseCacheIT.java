package io.turnpike.proxy;

import io.turnpike.events.request.RequestCompleted;
import io.turnpike.proxy.fakes.FakeAnthropic;
import io.turnpike.proxy.pricing.PriceTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code simple} response cache through a real proxy: what the client gets, how often the upstream is asked,
 * and what the events record. Each test asks its own question, so entries of one test never answer another.
 */
class ResponseCacheIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String SUCCESS = "{\"id\":\"msg_ok\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-haiku-4-5-20251001\",\"content\":[{\"type\":\"text\",\"text\":\"Hi!\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":1000,"
            + "\"output_tokens\":300}}";
    private static final AtomicInteger QUESTIONS = new AtomicInteger();

    private static FakeAnthropic upstream;
    private static CollectingEventSink sink;
    private static ProxyServer proxy;
    private static SettableClock clock;
    private final AtomicInteger upstreamCalls = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        upstream = FakeAnthropic.start();
        InMemoryGatewayDirectory directory = new InMemoryGatewayDirectory()
                .provider(new ProviderAccount("anthropic-1", "anthropic", Map.of("base_url", upstream.baseUrl()),
                        "sk-ant-upstream"))
                .config(new RoutingConfig("cfg-cached", 1, "{\"cache\":{\"mode\":\"simple\",\"max_age\":60},"
                        + "\"strategy\":{\"mode\":\"single\"},\"targets\":[{\"provider\":\"@anthropic-1\"}]}"))
                .config(new RoutingConfig("cfg-plain", 1, "{\"strategy\":{\"mode\":\"single\"},"
                        + "\"targets\":[{\"provider\":\"@anthropic-1\"}]}"))
                .key("tp-acme", new KeyGrant("key-acme", "acme", "cfg-cached", Map.of("tenant", "acme"), false))
                .key("tp-acme-2", new KeyGrant("key-acme-2", "acme 2", "cfg-cached", Map.of("tenant", "acme"), false))
                .key("tp-globex", new KeyGrant("key-globex", "globex", "cfg-cached", Map.of("tenant", "globex"),
                        false))
                .key("tp-plain", new KeyGrant("key-plain", "plain", "cfg-plain", Map.of("tenant", "acme"), false));
        sink = new CollectingEventSink();
        clock = new SettableClock(Instant.parse("2026-03-01T12:00:00Z"));
        proxy = ProxyServer.start(ProxySettings.defaults().withPort(0)
                        .withUpstreamTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(20)),
                directory, sink, PriceTable.loadDefault(), clock);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.close();
    }

    @BeforeEach
    void answerWithSuccess() {
        upstream.respondWith(exchange -> {
            upstreamCalls.incrementAndGet();
            FakeAnthropic.json(exchange, 200, SUCCESS);
        });
    }

    @Test
    void aRepeatIsAnsweredFromTheCacheWithoutCallingTheUpstream() throws Exception {
        String body = question(false);

        HttpResponse<String> miss = send("tp-acme", body, Map.of());
        HttpResponse<String> hit = send("tp-acme-2", body, Map.of());

        assertThat(upstreamCalls).hasValue(1);
        assertThat(miss.statusCode()).isEqualTo(200);
        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(hit.body()).isEqualTo(SUCCESS).isEqualTo(miss.body());
        assertThat(miss.headers().firstValue("x-turnpike-cache-status")).hasValue("MISS");
        assertThat(hit.headers().firstValue("x-turnpike-cache-status")).hasValue("HIT");
        assertThat(hit.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(hit.headers().map().keySet()).noneMatch(name -> name.startsWith("x-portkey-"));

        RequestCompleted missEvent = sink.awaitEvent(requestId(miss));
        RequestCompleted hitEvent = sink.awaitEvent(requestId(hit));
        assertThat(missEvent.cacheStatus()).isEqualTo("MISS");
        assertThat(missEvent.costNanoUsd()).isPositive();
        assertThat(missEvent.savedCostNanoUsd()).isNull();
        assertThat(hitEvent.cacheStatus()).isEqualTo("HIT");
        assertThat(hitEvent.usage()).isEqualTo(missEvent.usage());
        assertThat(hitEvent.costNanoUsd()).isZero();
        assertThat(hitEvent.savedCostNanoUsd()).isEqualTo(missEvent.costNanoUsd());
        assertThat(hitEvent.servedModel()).isEqualTo("claude-haiku-4-5-20251001");
        assertThat(hitEvent.attempts()).isZero();
        assertThat(hitEvent.targetPath()).isEqualTo("config.targets[0]");
        assertThat(sink.attempts(requestId(hit))).as("a hit makes no upstream attempt").isEmpty();
    }

    @Test
    void aStreamIsStoredAndReplayedByteForByte() throws Exception {
        upstream.respondWith(exchange -> {
            upstreamCalls.incrementAndGet();
            OutputStream out = FakeAnthropic.startStream(exchange);
            FakeAnthropic.frame(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_s\","
                    + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-4-5-20251001\","
                    + "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                    + "\"usage\":{\"input_tokens\":50,\"output_tokens\":1}}}");
            FakeAnthropic.frame(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
            FakeAnthropic.frame(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}");
            FakeAnthropic.frame(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
            FakeAnthropic.frame(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":"
                    + "{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":20}}");
            FakeAnthropic.frame(out, "message_stop", "{\"type\":\"message_stop\"}");
        });
        String body = question(true);

        HttpResponse<byte[]> miss = sendBytes("tp-acme", body);
        HttpResponse<byte[]> hit = sendBytes("tp-acme", body);

        assertThat(upstreamCalls).hasValue(1);
        assertThat(hit.headers().firstValue("x-turnpike-cache-status")).hasValue("HIT");
        assertThat(hit.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        assertThat(hit.body()).isEqualTo(miss.body());
        assertThat(new String(hit.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("message_stop");

        RequestCompleted hitEvent = sink.awaitEvent(hit.headers().firstValue("request-id").orElseThrow());
        assertThat(hitEvent.stream()).isTrue();
        assertThat(hitEvent.usage().inputTokens()).isEqualTo(50);
        assertThat(hitEvent.usage().outputTokens()).isEqualTo(20);
        assertThat(hitEvent.savedCostNanoUsd()).isPositive();

        // The same question without streaming does not get the stream.
        HttpResponse<String> plain = send("tp-acme", body.replace(",\"stream\":true", ""), Map.of());
        assertThat(plain.headers().firstValue("x-turnpike-cache-status")).hasValue("MISS");
        assertThat(upstreamCalls).hasValue(2);
    }

    @Test
    void anotherTenantNeverGetsTheEntry() throws Exception {
        String body = question(false);
        send("tp-acme", body, Map.of());

        HttpResponse<String> other = send("tp-globex", body, Map.of());

        assertThat(other.headers().firstValue("x-turnpike-cache-status")).hasValue("MISS");
        assertThat(upstreamCalls).hasValue(2);
    }

    @Test
    void aForcedRefreshAsksTheUpstreamAgainAndStoresTheNewAnswer() throws Exception {
        String body = question(false);
        send("tp-acme", body, Map.of());

        HttpResponse<String> refreshed = send("tp-acme", body, Map.of("x-portkey-cache-force-refresh", "true"));
        HttpResponse<String> after = send("tp-acme", body, Map.of());

        assertThat(refreshed.headers().firstValue("x-turnpike-cache-status")).hasValue("REFRESH");
        assertThat(refreshed.headers().firstValue("x-portkey-cache-status")).hasValue("REFRESH");
        assertThat(after.headers().firstValue("x-turnpike-cache-status")).hasValue("HIT");
        assertThat(upstreamCalls).hasValue(2);
        assertThat(sink.awaitEvent(requestId(refreshed)).cacheStatus()).isEqualTo("REFRESH");
    }

    @Test
    void anEntryExpiresAfterMaxAge() throws Exception {
        String body = question(false);
        send("tp-acme", body, Map.of());
        clock.advance(Duration.ofSeconds(59));
        assertThat(send("tp-acme", body, Map.of()).headers().firstValue("x-turnpike-cache-status")).hasValue("HIT");

        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> expired = send("tp-acme", body, Map.of());

        assertThat(expired.headers().firstValue("x-turnpike-cache-status")).hasValue("MISS");
        assertThat(upstreamCalls).hasValue(2);
    }

    @Test
    void anErrorIsNeverCached() throws Exception {
        upstream.respondWith(exchange -> {
            upstreamCalls.incrementAndGet();
            FakeAnthropic.json(exchange, 400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                    + "\"message\":\"no\"}}");
        });
        String body = question(false);

        send("tp-acme", body, Map.of());
        HttpResponse<String> again = send("tp-acme", body, Map.of());

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.headers().firstValue("x-turnpike-cache-status")).hasValue("MISS");
        assertThat(upstreamCalls).hasValue(2);
    }

    @Test
    void aConfigWithoutCacheSaysDisabled() throws Exception {
        String body = question(false);
        send("tp-plain", body, Map.of());

        HttpResponse<String> again = send("tp-plain", body, Map.of());

        assertThat(again.headers().firstValue("x-turnpike-cache-status")).hasValue("DISABLED");
        assertThat(upstreamCalls).hasValue(2);
        assertThat(sink.awaitEvent(requestId(again)).cacheStatus()).isEqualTo("DISABLED");
    }

    // ---- helpers

    /** A question no other test asks. */
    private static String question(boolean stream) {
        return "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Question " + QUESTIONS.incrementAndGet() + "\"}]" + (stream ? ",\"stream\":true" : "") + "}";
    }

    private static HttpResponse<String> send(String key, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = messages(key, body);
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> sendBytes(String key, String body) throws IOException, InterruptedException {
        return CLIENT.send(messages(key, body).build(), HttpResponse.BodyHandlers.ofByteArray());
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
}
