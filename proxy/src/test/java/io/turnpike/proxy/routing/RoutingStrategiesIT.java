package io.turnpike.proxy.routing;

import io.turnpike.events.config.RoutingConfigDocument;
import io.turnpike.events.config.Target;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.events.request.UpstreamAttempted;
import io.turnpike.proxy.CollectingEventSink;
import io.turnpike.proxy.DyingUpstream;
import io.turnpike.proxy.InMemoryGatewayDirectory;
import io.turnpike.proxy.KeyGrant;
import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.ProxyServer;
import io.turnpike.proxy.ProxySettings;
import io.turnpike.proxy.RetryTiming;
import io.turnpike.proxy.RoutingConfig;
import io.turnpike.proxy.fakes.FakeAnthropic;
import io.turnpike.proxy.health.TargetHealth;
import io.turnpike.proxy.pricing.PriceSource;
import io.turnpike.proxy.pricing.PriceTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The config strategies through a real proxy, against fake upstreams that fail on cue: which targets are tried in
 * which order, what the client sees (only the committed target's answer and its routing headers), and the events.
 * Every test has provider ids of its own, so one test's failures never open a circuit breaker another relies on.
 */
class RoutingStrategiesIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String BODY = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":16,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final String SUCCESS = "{\"id\":\"msg_ok\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-haiku-4-5-20251001\",\"content\":[{\"type\":\"text\",\"text\":\"Hi!\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":3}}";
    private static final long LOAD_BALANCE_SEED = 4242L;
    private static final String LOAD_BALANCE = "{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":["
            + "{\"provider\":\"@lb-first\",\"weight\":1},{\"provider\":\"@lb-second\",\"weight\":3},"
            + "{\"provider\":\"@lb-never\",\"weight\":0}]}";

    private static FakeAnthropic first;
    private static FakeAnthropic second;
    private static DyingUpstream dying;
    private static InMemoryGatewayDirectory directory;
    private static CollectingEventSink sink;
    private static ProxyServer proxy;

    @BeforeAll
    static void start() throws IOException {
        first = FakeAnthropic.start();
        second = FakeAnthropic.start();
        dying = new DyingUpstream("event: message_start\ndata: {\"type\":\"message_start\",\"message\":"
                + "{\"id\":\"msg_dying\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-4-5\","
                + "\"content\":[],\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n");
        String dead = "http://127.0.0.1:" + unusedPort();
        directory = new InMemoryGatewayDirectory()
                .provider(anthropic("order-a", first.baseUrl())).provider(anthropic("order-b", second.baseUrl()))
                .provider(anthropic("refused-a", dead)).provider(anthropic("refused-b", second.baseUrl()))
                .provider(anthropic("stream-a", dying.baseUrl())).provider(anthropic("stream-b", second.baseUrl()))
                .provider(anthropic("status-a", first.baseUrl())).provider(anthropic("status-b", second.baseUrl()))
                .provider(anthropic("cross-a", first.baseUrl()))
                .provider(new ProviderAccount("cross-mock", "mock", Map.of(), null))
                .provider(anthropic("lb-first", first.baseUrl())).provider(anthropic("lb-second", second.baseUrl()))
                .provider(anthropic("lb-never", dead))
                .provider(anthropic("cond-search", first.baseUrl())).provider(anthropic("cond-opus", second.baseUrl()))
                .provider(new ProviderAccount("cond-mock", "mock", Map.of(), null))
                .provider(anthropic("nest-a", first.baseUrl())).provider(anthropic("nest-zero", dead))
                .provider(anthropic("nest-b", second.baseUrl()))
                .config(config("cfg-order", "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                        + "{\"provider\":\"@order-a\",\"retry\":{\"attempts\":1}},{\"provider\":\"@order-b\"}]}"))
                .config(config("cfg-refused", fallback("{\"provider\":\"@refused-a\"}", "{\"provider\":\"@refused-b\"}")))
                .config(config("cfg-stream", fallback("{\"provider\":\"@stream-a\"}", "{\"provider\":\"@stream-b\"}")))
                .config(config("cfg-status", "{\"strategy\":{\"mode\":\"fallback\",\"on_status_codes\":[429,529]},"
                        + "\"targets\":[{\"provider\":\"@status-a\"},{\"provider\":\"@status-b\"}]}"))
                .config(config("cfg-cross", fallback("{\"provider\":\"@cross-a\"}", "{\"provider\":\"@cross-mock\"}")))
                .config(config("cfg-lb", LOAD_BALANCE))
                .config(config("cfg-cond", "{\"strategy\":{\"mode\":\"conditional\",\"conditions\":["
                        + "{\"query\":{\"metadata.team\":\"search\"},\"then\":\"search\"},"
                        + "{\"query\":{\"params.model\":\"claude-opus-4-1\"},\"then\":\"opus\"}],\"default\":\"rest\"},"
                        + "\"targets\":[{\"name\":\"search\",\"provider\":\"@cond-search\"},"
                        + "{\"name\":\"opus\",\"provider\":\"@cond-opus\"},{\"name\":\"rest\",\"provider\":\"@cond-mock\"}]}"))
                .config(config("cfg-cond-strict", "{\"strategy\":{\"mode\":\"conditional\",\"conditions\":["
                        + "{\"query\":{\"metadata.team\":\"search\"},\"then\":\"search\"}]},"
                        + "\"targets\":[{\"name\":\"search\",\"provider\":\"@cond-search\"}]}"))
                .config(config("cfg-nest", fallback(
                        "{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":[{\"provider\":\"@nest-a\",\"weight\":1},"
                                + "{\"provider\":\"@nest-zero\",\"weight\":0}]}",
                        "{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":[{\"provider\":\"@nest-b\"}]}")));
        for (String config : List.of("cfg-order", "cfg-refused", "cfg-stream", "cfg-status", "cfg-cross", "cfg-lb",
                "cfg-cond", "cfg-cond-strict", "cfg-nest")) {
            directory.key("tp-" + config, new KeyGrant("key-" + config, config, config, Map.of(), false));
        }
        sink = new CollectingEventSink();
        proxy = ProxyServer.start(ProxySettings.defaults().withPort(0)
                        .withUpstreamTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(20))
                        .withRetryTiming(new RetryTiming(Duration.ofMillis(1), Duration.ofMillis(5),
                                Duration.ofSeconds(30))),
                directory, sink, PriceSource.fixed(PriceTable.loadDefault()), Clock.systemUTC(), new Random(1));
    }

    @AfterAll
    static void stop() throws IOException {
        proxy.close();
        first.close();
        second.close();
        dying.close();
    }

    @Test
    void fallbackTriesTheNextTargetAfterTheFirstOnesRetriesAndCommitsOnlyItsAnswer() throws Exception {
        first.respondWith(exchange -> FakeAnthropic.json(exchange, 500, error("api_error", "down")));
        second.respondWith(exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));

        HttpResponse<String> response = send("tp-cfg-order", BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(SUCCESS);
        assertThat(response.headers().firstValue("x-turnpike-last-used-option-index")).hasValue("config.targets[1]");
        assertThat(response.headers().firstValue("x-turnpike-retry-attempt-count")).hasValue("0");
        assertThat(response.headers().firstValue("x-turnpike-provider")).hasValue("order-b");
        String requestId = requestId(response);
        assertThat(sink.awaitAttempts(requestId, 3)).extracting(UpstreamAttempted::attemptIndex,
                UpstreamAttempted::retryIndex, UpstreamAttempted::targetPath, UpstreamAttempted::provider,
                UpstreamAttempted::status).containsExactly(
                tuple(0, 0, "config.targets[0]", "order-a", 500),
                tuple(1, 1, "config.targets[0]", "order-a", 500),
                tuple(2, 0, "config.targets[1]", "order-b", 200));
        RequestCompleted completed = sink.awaitEvent(requestId);
        assertThat(completed.targetPath()).isEqualTo("config.targets[1]");
        assertThat(completed.configVersion()).isEqualTo(1);
        assertThat(completed.attempts()).isEqualTo(3);
        assertThat(completed.provider()).isEqualTo("order-b");
        assertThat(completed.httpStatus()).isEqualTo(200);
    }

    @Test
    void fallbackMovesOnWhenTheConnectionIsRefused() throws Exception {
        second.respondWith(exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));

        HttpResponse<String> response = send("tp-cfg-refused", BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-turnpike-provider")).hasValue("refused-b");
        List<UpstreamAttempted> attempts = sink.awaitAttempts(requestId(response), 2);
        assertThat(attempts.get(0).provider()).isEqualTo("refused-a");
        assertThat(attempts.get(0).errorClass()).as("a failure below HTTP").isNotNull();
        assertThat(attempts.get(1).provider()).isEqualTo("refused-b");
    }

    @Test
    void noFallbackOnceTheFirstByteReachedTheClient() throws Exception {
        second.respondWith(exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));

        HttpResponse<String> response = send("tp-cfg-stream", BODY.replace("{\"model\"", "{\"stream\":true,\"model\""));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("event: message_start").contains("event: error");
        assertThat(response.headers().firstValue("x-turnpike-last-used-option-index")).hasValue("config.targets[0]");
        String requestId = requestId(response);
        RequestCompleted completed = sink.awaitEvent(requestId);
        assertThat(completed.attempts()).isEqualTo(1);
        assertThat(completed.targetPath()).isEqualTo("config.targets[0]");
        assertThat(sink.attempts(requestId)).extracting(UpstreamAttempted::provider).containsExactly("stream-a");
    }

    @Test
    void aStatusOutsideOnStatusCodesIsPassedThroughWithoutFallback() throws Exception {
        String badRequest = error("invalid_request_error", "max_tokens: too large");
        first.respondWith(exchange -> FakeAnthropic.json(exchange, 400, badRequest));
        second.respondWith(exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));

        HttpResponse<String> response = send("tp-cfg-status", BODY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(badRequest);
        assertThat(response.headers().firstValue("x-turnpike-last-used-option-index")).hasValue("config.targets[0]");
        assertThat(sink.awaitEvent(requestId(response)).attempts()).isEqualTo(1);

        first.respondWith(exchange -> FakeAnthropic.json(exchange, 529, error("overloaded_error", "busy")));
        HttpResponse<String> listed = send("tp-cfg-status", BODY);
        assertThat(listed.statusCode()).as("529 is listed").isEqualTo(200);
        assertThat(listed.headers().firstValue("x-turnpike-provider")).hasValue("status-b");
    }

    @Test
    void fallbackCrossesProviderTypes() throws Exception {
        first.respondWith(exchange -> FakeAnthropic.json(exchange, 529, error("overloaded_error", "busy")));

        HttpResponse<String> response = send("tp-cfg-cross", BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-turnpike-provider")).hasValue("cross-mock");
        assertThat(sink.awaitAttempts(requestId(response), 2)).extracting(UpstreamAttempted::providerType,
                UpstreamAttempted::status).containsExactly(tuple("anthropic", 529), tuple("mock", 200));
        assertThat(sink.awaitEvent(requestId(response)).providerType()).isEqualTo("mock");
    }

    @Test
    void loadBalanceWithASeededRandomHitsTheTargetsTheSeedDraws() throws Exception {
        first.respondWith(exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));
        second.respondWith(exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));
        List<String> expected = expectedDraws(12);
        assertThat(expected).contains("lb-first", "lb-second").doesNotContain("lb-never");

        // A proxy of its own: its generator then draws for this test's requests only, so the seed replays them.
        List<String> hit = new ArrayList<>();
        try (ProxyServer seeded = ProxyServer.start(ProxySettings.defaults().withPort(0), directory, sink,
                PriceSource.fixed(PriceTable.loadDefault()), Clock.systemUTC(), new Random(LOAD_BALANCE_SEED))) {
            for (int i = 0; i < expected.size(); i++) {
                HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + seeded.port() + "/v1/messages"))
                        .header("content-type", "application/json").header("x-api-key", "tp-cfg-lb")
                        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                hit.add(response.headers().firstValue("x-turnpike-provider").orElseThrow());
            }
        }

        assertThat(hit).isEqualTo(expected);
    }

    @Test
    void conditionalRoutesByMetadataTeamAndByParamsModel() throws Exception {
        first.respondWith(exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));
        second.respondWith(exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));

        HttpResponse<String> search = CLIENT.send(messages("tp-cfg-cond", BODY)
                .header("x-turnpike-metadata", "{\"team\":\"search\"}").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> opus = send("tp-cfg-cond", BODY.replace("claude-haiku-4-5", "claude-opus-4-1"));
        HttpResponse<String> rest = send("tp-cfg-cond", BODY);

        assertThat(search.headers().firstValue("x-turnpike-provider")).hasValue("cond-search");
        assertThat(search.headers().firstValue("x-turnpike-last-used-option-index")).hasValue("config.targets[0]");
        assertThat(opus.headers().firstValue("x-turnpike-provider")).hasValue("cond-opus");
        assertThat(rest.headers().firstValue("x-turnpike-provider")).hasValue("cond-mock");
        assertThat(rest.headers().firstValue("x-turnpike-last-used-option-index")).hasValue("config.targets[2]");
    }

    @Test
    void aConditionalThatMatchesNothingWithoutDefaultIsABadRequest() throws Exception {
        HttpResponse<String> response = send("tp-cfg-cond-strict", BODY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid_request_error").contains("no routing condition matched");
        assertThat(sink.awaitEvent(requestId(response)).attempts()).as("nothing was attempted").isNull();
    }

    @Test
    void fallbackOverLoadBalancedGroupsMovesToTheSecondGroup() throws Exception {
        first.respondWith(exchange -> FakeAnthropic.json(exchange, 503, error("api_error", "unavailable")));
        second.respondWith(exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));

        HttpResponse<String> response = send("tp-cfg-nest", BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-turnpike-last-used-option-index"))
                .hasValue("config.targets[1].targets[0]");
        assertThat(sink.awaitAttempts(requestId(response), 2)).extracting(UpstreamAttempted::targetPath)
                .containsExactly("config.targets[0].targets[0]", "config.targets[1].targets[0]");
    }

    // ---- helpers

    /** The providers a {@code Random(LOAD_BALANCE_SEED)} draws for {@link #LOAD_BALANCE}, in order. */
    private static List<String> expectedDraws(int count) {
        Target root = RoutingConfigDocument.parse(LOAD_BALANCE, id -> true).root();
        Random random = new Random(LOAD_BALANCE_SEED);
        TargetSelector.Context context = new TargetSelector.Context(random,
                new RoutingFacts(Map.of(), new byte[0], "/v1/messages"), TargetHealth.ALWAYS_AVAILABLE);
        List<String> draws = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            draws.add(TargetSelector.weighted(root.children(), context).providerId());
        }
        return draws;
    }

    private static String fallback(String firstTarget, String secondTarget) {
        return "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + firstTarget + "," + secondTarget + "]}";
    }

    private static ProviderAccount anthropic(String id, String baseUrl) {
        return new ProviderAccount(id, "anthropic", Map.of("base_url", baseUrl), "sk-ant-upstream");
    }

    private static RoutingConfig config(String id, String document) {
        return new RoutingConfig(id, 1, document);
    }

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

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
