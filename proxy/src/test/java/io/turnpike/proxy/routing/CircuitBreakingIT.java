package io.turnpike.proxy.routing;

import io.turnpike.events.config.RoutingConfigDocument;
import io.turnpike.events.config.Target;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.events.request.TargetHealthChanged;
import io.turnpike.events.request.UpstreamAttempted;
import io.turnpike.proxy.CircuitBreakerSettings;
import io.turnpike.proxy.CollectingEventSink;
import io.turnpike.proxy.InMemoryGatewayDirectory;
import io.turnpike.proxy.KeyGrant;
import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.ProxyServer;
import io.turnpike.proxy.ProxySettings;
import io.turnpike.proxy.RoutingConfig;
import io.turnpike.proxy.SettableClock;
import io.turnpike.proxy.fakes.FakeAnthropic;
import io.turnpike.proxy.health.TargetHealth;
import io.turnpike.proxy.pricing.PriceSource;
import io.turnpike.proxy.pricing.PriceTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static io.turnpike.events.request.CircuitState.CLOSED;
import static io.turnpike.events.request.CircuitState.HALF_OPEN;
import static io.turnpike.events.request.CircuitState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Circuit breaking through a real proxy: a failing target's breaker opens after three consecutive failures, the
 * strategies then steer around it, one probe after the cool-down closes or reopens it, and every transition is one
 * {@link TargetHealthChanged} event. Each test runs its own proxy (fresh breakers, its own event sink, a clock that
 * moves only when told and a seeded random), so no test sleeps and none inherits another's open circuits.
 */
class CircuitBreakingIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Duration COOL_DOWN = Duration.ofSeconds(30);
    private static final long SEED = 7L;
    private static final String BODY = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":16,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final String SUCCESS = "{\"id\":\"msg_ok\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-haiku-4-5-20251001\",\"content\":[{\"type\":\"text\",\"text\":\"Hi!\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":3}}";
    private static final String PRIMARY_DOWN = error("api_error", "primary unavailable");
    private static final String SECONDARY_DOWN = error("api_error", "secondary unavailable");
    private static final String BAD_REQUEST = error("invalid_request_error", "max_tokens: too large");
    /** The primary forces a model, so its breaker key is provider/model. */
    private static final String PRIMARY_KEY = "cb-primary/claude-haiku-4-5";
    private static final String FALLBACK = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
            + "{\"provider\":\"@cb-primary\",\"override_params\":{\"model\":\"claude-haiku-4-5\"}},"
            + "{\"provider\":\"@cb-secondary\"}]}";
    private static final String LOAD_BALANCE = "{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":["
            + "{\"provider\":\"@lb-sick\",\"weight\":1},{\"provider\":\"@lb-well\",\"weight\":1}]}";

    private static FakeAnthropic primary;
    private static FakeAnthropic secondary;
    private static InMemoryGatewayDirectory directory;

    private final AtomicInteger primaryReceived = new AtomicInteger();
    private final AtomicInteger secondaryReceived = new AtomicInteger();
    private SettableClock clock;
    private CollectingEventSink sink;
    private ProxyServer proxy;

    @BeforeAll
    static void startUpstreams() throws IOException {
        primary = FakeAnthropic.start();
        secondary = FakeAnthropic.start();
        directory = new InMemoryGatewayDirectory()
                .provider(anthropic("cb-primary", primary.baseUrl()))
                .provider(anthropic("cb-secondary", secondary.baseUrl()))
                .provider(anthropic("lb-sick", primary.baseUrl()))
                .provider(anthropic("lb-well", secondary.baseUrl()))
                .config(new RoutingConfig("cfg-fallback", 1, FALLBACK))
                .config(new RoutingConfig("cfg-primary-only", 1, "{\"targets\":[{\"provider\":\"@cb-primary\","
                        + "\"override_params\":{\"model\":\"claude-haiku-4-5\"}}]}"))
                .config(new RoutingConfig("cfg-lb", 1, LOAD_BALANCE))
                .config(new RoutingConfig("cfg-sick-only", 1, "{\"targets\":[{\"provider\":\"@lb-sick\"}]}"));
        for (String config : List.of("cfg-fallback", "cfg-primary-only", "cfg-lb", "cfg-sick-only")) {
            directory.key("tp-" + config, new KeyGrant("key-" + config, config, config, Map.of(), false));
        }
    }

    @AfterAll
    static void stopUpstreams() {
        primary.close();
        secondary.close();
    }

    @BeforeEach
    void startProxy() {
        clock = new SettableClock(Instant.parse("2026-11-02T10:00:00Z"));
        sink = new CollectingEventSink();
        proxy = ProxyServer.start(ProxySettings.defaults().withPort(0)
                        .withUpstreamTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(20))
                        .withCircuitBreaker(new CircuitBreakerSettings(3, COOL_DOWN)),
                directory, sink, PriceSource.fixed(PriceTable.loadDefault()), clock, new Random(SEED));
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    @Test
    void afterThreeFailuresTheFallbackGoesStraightToTheSecondary() throws Exception {
        primaryAnswers(503, PRIMARY_DOWN);
        secondaryAnswers(200, SUCCESS);

        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> response = send("tp-cfg-fallback");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("x-turnpike-last-used-option-index")).hasValue("config.targets[1]");
            assertThat(attemptsOf(response)).as("request %d tries the primary, then falls back", i)
                    .containsExactly(tuple("cb-primary", 503), tuple("cb-secondary", 200));
            assertThat(sink.health()).as("after %d failures", i).hasSize(i < 3 ? 0 : 1);
        }
        TargetHealthChanged opened = sink.health().get(0);
        assertThat(opened.targetKey()).isEqualTo(PRIMARY_KEY);
        assertThat(opened.provider()).isEqualTo("cb-primary");
        assertThat(opened.model()).isEqualTo("claude-haiku-4-5");
        assertThat(opened.fromState()).isEqualTo(CLOSED);
        assertThat(opened.toState()).isEqualTo(OPEN);
        assertThat(opened.consecutiveFailures()).isEqualTo(3);
        assertThat(opened.reason()).isEqualTo("3 consecutive failures, last: status 503");
        assertThat(opened.occurredAt()).isEqualTo(clock.instant());

        for (int i = 4; i <= 8; i++) {
            HttpResponse<String> response = send("tp-cfg-fallback");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(SUCCESS);
            assertThat(response.headers().firstValue("x-turnpike-last-used-option-index")).hasValue("config.targets[1]");
            assertThat(response.headers().firstValue("x-turnpike-provider")).hasValue("cb-secondary");
            assertThat(attemptsOf(response)).as("request %d skips the open primary", i)
                    .containsExactly(tuple("cb-secondary", 200));
            assertThat(sink.awaitEvent(requestId(response)).attempts()).isEqualTo(1);
        }
        assertThat(primaryReceived).as("the primary saw only the three failing requests").hasValue(3);
        assertThat(secondaryReceived).hasValue(8);
        assertThat(transitions()).containsExactly(tuple(PRIMARY_KEY, CLOSED, OPEN));
    }

    @Test
    void aSuccessfulProbeAfterTheCoolDownClosesTheCircuitAndTrafficReturns() throws Exception {
        openThePrimary();
        primaryAnswers(200, SUCCESS);

        clock.advance(COOL_DOWN.minusSeconds(1));
        assertThat(attemptsOf(send("tp-cfg-fallback"))).as("still cooling down")
                .containsExactly(tuple("cb-secondary", 200));
        assertThat(primaryReceived).hasValue(0);

        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> probe = send("tp-cfg-fallback");
        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(probe.headers().firstValue("x-turnpike-last-used-option-index")).hasValue("config.targets[0]");
        assertThat(attemptsOf(probe)).as("the probe").containsExactly(tuple("cb-primary", 200));
        assertThat(transitions()).containsExactly(tuple(PRIMARY_KEY, CLOSED, OPEN),
                tuple(PRIMARY_KEY, OPEN, HALF_OPEN), tuple(PRIMARY_KEY, HALF_OPEN, CLOSED));
        assertThat(sink.health().get(1).reason()).isEqualTo("cool-down elapsed, probe let through");
        assertThat(sink.health().get(2).reason()).isEqualTo("probe succeeded");
        assertThat(sink.health().get(2).consecutiveFailures()).isZero();

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = send("tp-cfg-fallback");
            assertThat(response.headers().firstValue("x-turnpike-provider")).hasValue("cb-primary");
            assertThat(attemptsOf(response)).containsExactly(tuple("cb-primary", 200));
        }
        assertThat(primaryReceived).hasValue(4);
        assertThat(sink.health()).as("no further transitions").hasSize(3);
    }

    @Test
    void aFailedProbeReopensTheCircuitAndRestartsTheCoolDown() throws Exception {
        openThePrimary();

        clock.advance(COOL_DOWN);
        HttpResponse<String> probe = send("tp-cfg-fallback");
        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(probe.headers().firstValue("x-turnpike-last-used-option-index")).hasValue("config.targets[1]");
        assertThat(attemptsOf(probe)).as("the probe fails, the request falls back")
                .containsExactly(tuple("cb-primary", 503), tuple("cb-secondary", 200));
        assertThat(transitions()).containsExactly(tuple(PRIMARY_KEY, CLOSED, OPEN),
                tuple(PRIMARY_KEY, OPEN, HALF_OPEN), tuple(PRIMARY_KEY, HALF_OPEN, OPEN));
        assertThat(sink.health().get(2).reason()).isEqualTo("probe failed: status 503");

        clock.advance(COOL_DOWN.minusSeconds(1));
        assertThat(attemptsOf(send("tp-cfg-fallback"))).as("the cool-down restarted at the failed probe")
                .containsExactly(tuple("cb-secondary", 200));
        assertThat(primaryReceived).as("only the probe").hasValue(1);
        assertThat(sink.health()).hasSize(3);

        clock.advance(Duration.ofSeconds(1));
        assertThat(attemptsOf(send("tp-cfg-fallback"))).as("the next probe")
                .containsExactly(tuple("cb-primary", 503), tuple("cb-secondary", 200));
        assertThat(transitions()).containsExactly(tuple(PRIMARY_KEY, CLOSED, OPEN),
                tuple(PRIMARY_KEY, OPEN, HALF_OPEN), tuple(PRIMARY_KEY, HALF_OPEN, OPEN),
                tuple(PRIMARY_KEY, OPEN, HALF_OPEN), tuple(PRIMARY_KEY, HALF_OPEN, OPEN));
    }

    @Test
    void loadBalanceDrawsOnlyTheHealthyTargetWhileTheOtherIsOpen() throws Exception {
        List<String> unguarded = drawsWithoutBreakers(12);
        assertThat(unguarded).as("the seed would draw the sick target without breakers").contains("lb-sick");
        primaryAnswers(503, PRIMARY_DOWN);
        secondaryAnswers(200, SUCCESS);
        // Opened through another config: a breaker belongs to the provider target, not to the config.
        for (int i = 0; i < 3; i++) {
            assertThat(send("tp-cfg-sick-only").statusCode()).isEqualTo(503);
        }
        assertThat(transitions()).containsExactly(tuple("lb-sick", CLOSED, OPEN));

        List<String> hit = new ArrayList<>();
        for (int i = 0; i < unguarded.size(); i++) {
            HttpResponse<String> response = send("tp-cfg-lb");
            assertThat(response.statusCode()).isEqualTo(200);
            hit.add(response.headers().firstValue("x-turnpike-provider").orElseThrow());
        }

        assertThat(hit).containsOnly("lb-well").hasSize(unguarded.size());
        assertThat(primaryReceived).as("only the three requests that opened it").hasValue(3);
        assertThat(sink.health()).hasSize(1);
    }

    @Test
    void withEveryTargetOpenTheRequestIsStillTriedInOrderAndGetsTheLastError() throws Exception {
        primaryAnswers(503, PRIMARY_DOWN);
        secondaryAnswers(503, SECONDARY_DOWN);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = send("tp-cfg-fallback");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo(SECONDARY_DOWN);
        }
        assertThat(transitions()).containsExactlyInAnyOrder(tuple(PRIMARY_KEY, CLOSED, OPEN),
                tuple("cb-secondary", CLOSED, OPEN));

        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = send("tp-cfg-fallback");
            assertThat(response.statusCode()).as("tried anyway, not refused with 529").isEqualTo(503);
            assertThat(response.body()).isEqualTo(SECONDARY_DOWN);
            assertThat(response.headers().firstValue("x-turnpike-last-used-option-index")).hasValue("config.targets[1]");
            assertThat(attemptsOf(response)).as("every target, in the config's order")
                    .containsExactly(tuple("cb-primary", 503), tuple("cb-secondary", 503));
        }
        HttpResponse<String> alone = send("tp-cfg-primary-only");
        assertThat(alone.statusCode()).as("a lone open target is sent to as well").isEqualTo(503);
        assertThat(alone.body()).isEqualTo(PRIMARY_DOWN);
        assertThat(attemptsOf(alone)).containsExactly(tuple("cb-primary", 503));

        assertThat(primaryReceived).hasValue(6);
        assertThat(secondaryReceived).hasValue(5);
        assertThat(sink.health()).as("failures while open change nothing").hasSize(2);
    }

    @Test
    void clientErrorsNeitherOpenTheCircuitNorResetTheCount() throws Exception {
        primaryAnswers(400, BAD_REQUEST);
        secondaryAnswers(200, SUCCESS);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = send("tp-cfg-primary-only");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).isEqualTo(BAD_REQUEST);
        }
        assertThat(sink.health()).as("400s say nothing about the upstream's health").isEmpty();

        primaryReceived.set(0);
        primaryAnswersInSequence(503, 503, 400, 503);
        for (int i = 0; i < 4; i++) {
            send("tp-cfg-primary-only");
            assertThat(sink.health()).as("after request %d", i + 1).hasSize(i < 3 ? 0 : 1);
        }
        assertThat(sink.health().get(0).consecutiveFailures()).as("the 400 in between did not reset the count")
                .isEqualTo(3);
        assertThat(primaryReceived).hasValue(4);
    }

    @Test
    void aSuccessResetsTheCount() throws Exception {
        primaryAnswersInSequence(503, 503, 200, 503, 503);

        for (int i = 0; i < 5; i++) {
            send("tp-cfg-primary-only");
        }

        assertThat(sink.health()).as("never three failures in a row").isEmpty();
        assertThat(send("tp-cfg-primary-only").statusCode()).as("the third in a row").isEqualTo(503);
        assertThat(transitions()).containsExactly(tuple(PRIMARY_KEY, CLOSED, OPEN));
    }

    // ---- helpers

    /** Three failing requests through the fallback: the primary's circuit is open, the secondary answers. */
    private void openThePrimary() throws Exception {
        primaryAnswers(503, PRIMARY_DOWN);
        secondaryAnswers(200, SUCCESS);
        for (int i = 0; i < 3; i++) {
            assertThat(send("tp-cfg-fallback").statusCode()).isEqualTo(200);
        }
        assertThat(transitions()).containsExactly(tuple(PRIMARY_KEY, CLOSED, OPEN));
        primaryReceived.set(0);
    }

    private void primaryAnswers(int status, String body) {
        primary.respondWith(counting(primaryReceived, status, body));
    }

    private void secondaryAnswers(int status, String body) {
        secondary.respondWith(counting(secondaryReceived, status, body));
    }

    /** One status per request, the last repeated; 2xx answer {@link #SUCCESS}, 400 a bad request, else 503. */
    private void primaryAnswersInSequence(int... statuses) {
        List<FakeAnthropic.Responder> responders = new ArrayList<>();
        for (int status : statuses) {
            responders.add(counting(primaryReceived, status,
                    status == 200 ? SUCCESS : status == 400 ? BAD_REQUEST : PRIMARY_DOWN));
        }
        primary.respondInSequence(responders.get(0),
                responders.subList(1, responders.size()).toArray(FakeAnthropic.Responder[]::new));
    }

    private static FakeAnthropic.Responder counting(AtomicInteger count, int status, String body) {
        return exchange -> {
            count.incrementAndGet();
            FakeAnthropic.json(exchange, status, body);
        };
    }

    /** The request's attempts as (provider, status), complete once its {@code RequestCompleted} is out. */
    private List<org.assertj.core.groups.Tuple> attemptsOf(HttpResponse<String> response) {
        String requestId = requestId(response);
        RequestCompleted completed = sink.awaitEvent(requestId);
        List<UpstreamAttempted> attempts = sink.attempts(requestId);
        assertThat(attempts).hasSize(completed.attempts());
        return attempts.stream().map(a -> tuple(a.provider(), a.status())).toList();
    }

    private List<org.assertj.core.groups.Tuple> transitions() {
        return sink.health().stream().map(e -> tuple(e.targetKey(), e.fromState(), e.toState())).toList();
    }

    /** What a {@code Random(SEED)} draws for {@link #LOAD_BALANCE} when every target counts as healthy. */
    private static List<String> drawsWithoutBreakers(int count) {
        Target root = RoutingConfigDocument.parse(LOAD_BALANCE, id -> true).root();
        TargetSelector.Context context = new TargetSelector.Context(new Random(SEED),
                new RoutingFacts(Map.of(), new byte[0], "/v1/messages"), TargetHealth.ALWAYS_AVAILABLE);
        List<String> draws = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            draws.add(TargetSelector.weighted(root.children(), context).providerId());
        }
        return draws;
    }

    private HttpResponse<String> send(String key) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/v1/messages"))
                .header("content-type", "application/json")
                .header("x-api-key", key)
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue("request-id").orElseThrow();
    }

    private static ProviderAccount anthropic(String id, String baseUrl) {
        return new ProviderAccount(id, "anthropic", Map.of("base_url", baseUrl), "sk-ant-upstream");
    }

    private static String error(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
    }
}
