package io.turnpike.proxy.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.events.policy.PolicyDecision;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.proxy.BudgetGate;
import io.turnpike.proxy.BudgetReservation;
import io.turnpike.proxy.CollectingEventSink;
import io.turnpike.proxy.InMemoryBudgetGate;
import io.turnpike.proxy.InMemoryGatewayDirectory;
import io.turnpike.proxy.KeyGrant;
import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.ProxyServer;
import io.turnpike.proxy.ProxySettings;
import io.turnpike.proxy.RoutingConfig;
import io.turnpike.proxy.fakes.FakeAnthropic;
import io.turnpike.proxy.pricing.PriceSource;
import io.turnpike.proxy.pricing.PriceTable;
import io.turnpike.proxy.usage.TokenEstimator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Budgets on the data path, through a real proxy against {@link FakeAnthropic} with an {@link InMemoryBudgetGate}:
 * refusal before any upstream call (412, or 402 by setting), settle with the exact cost of the upstream's usage,
 * release when nothing was spent, no gate call when no budget applies, one {@code budget} decision per budget.
 */
class BudgetEnforcementIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Instant NOW = Instant.parse("2027-03-01T12:00:00Z");
    private static final String BODY = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":16,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    /** 10 input and 3 output tokens of Haiku 4.5 ($1 and $5 per million): 10 × 1,000 + 3 × 5,000 nano-USD. */
    private static final String SUCCESS = "{\"id\":\"msg_ok\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-haiku-4-5-20251001\",\"content\":[{\"type\":\"text\",\"text\":\"Hi!\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":3}}";
    private static final long SUCCESS_NANO_USD = 25_000;
    private static final long SUCCESS_TOKENS = 13;
    private static final ProxySettings SETTINGS = ProxySettings.defaults().withPort(0);

    private static FakeAnthropic upstream;
    private static InMemoryGatewayDirectory directory;
    private static InMemoryBudgetGate gate;
    private static CollectingEventSink sink;
    private static ProxyServer proxy;

    @BeforeAll
    static void start() throws IOException {
        upstream = FakeAnthropic.start();
        upstream.respondWith(exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));
        directory = new InMemoryGatewayDirectory()
                .provider(new ProviderAccount("anthropic-b", "anthropic", Map.of("base_url", upstream.baseUrl()),
                        "sk-ant-upstream"))
                .config(new RoutingConfig("cfg-b", 1, "{\"targets\":[{\"provider\":\"@anthropic-b\"}]}"));
        gate = new InMemoryBudgetGate()
                .budget("tiny-usd", "Tiny", Map.of("team", "broke"), BudgetReservation.USD, 1_000)
                .budget("eng-usd", "Eng monthly", Map.of("team", "eng"), BudgetReservation.USD, 10_000_000_000L)
                .budget("eng-key-tokens", "eng-key-tokens", Map.of("key_id", "key-eng"), BudgetReservation.TOKENS,
                        1_000_000)
                .budget("support-usd", "Support monthly", Map.of("team", "support"), BudgetReservation.USD,
                        10_000_000_000L)
                .budget("multi-a-usd", "Multi", Map.of("team", "multi"), BudgetReservation.USD, 10_000_000_000L)
                .budget("multi-tokens", "Multi tokens", Map.of("key_id", "key-multi"), BudgetReservation.TOKENS, 5)
                .budget("fails-usd", "Fails", Map.of("team", "fails"), BudgetReservation.USD, 10_000_000_000L);
        directory.key("tp-broke", grant("key-broke", "broke"))
                .key("tp-eng", grant("key-eng", "eng"))
                .key("tp-multi", grant("key-multi", "multi"))
                .key("tp-fails", grant("key-fails", "fails"))
                .key("tp-free", grant("key-free", "unbudgeted"));
        sink = new CollectingEventSink();
        proxy = start(SETTINGS);
    }

    private static ProxyServer start(ProxySettings settings) {
        return ProxyServer.start(settings, directory, sink, PriceSource.fixed(PriceTable.loadDefault()),
                Clock.fixed(NOW, ZoneOffset.UTC), new Random(1), gate);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        gate.close();
        upstream.close();
    }

    private static KeyGrant grant(String id, String team) {
        return new KeyGrant(id, id, "cfg-b", Map.of("tenant", "acme", "team", team), false, false);
    }

    @Test
    void anExhaustedBudgetIsRefusedWith412BillingErrorNamingItAndWhatIsLeft() throws Exception {
        HttpResponse<String> refused = send("tp-broke", BODY, Map.of());

        assertThat(refused.statusCode()).isEqualTo(412);
        JsonNode envelope = JSON.readTree(refused.body());
        assertThat(envelope.get("type").asText()).isEqualTo("error");
        assertThat(envelope.at("/error/type").asText()).isEqualTo("billing_error");
        assertThat(envelope.get("request_id").asText()).isEqualTo(requestId(refused));
        WorstCaseCost worst = worstCase(BODY, 16);
        assertThat(envelope.at("/error/message").asText()).isEqualTo("budget \"Tiny\" (tiny-usd) is exhausted: "
                + "this request may cost up to $" + java.math.BigDecimal.valueOf(worst.nanoUsd().orElseThrow(), 9)
                .stripTrailingZeros().toPlainString() + " and $0.000001 of $0.000001 is left");
        assertThat(budgetDecisions(refused)).singleElement().satisfies(d -> {
            assertThat(d.policyId()).isEqualTo("tiny-usd");
            assertThat(d.decision()).isEqualTo("refuse");
            assertThat(d.team()).isEqualTo("broke");
            assertThat(d.details()).containsEntry("unit", "usd")
                    .containsEntry("requested", Long.toString(worst.nanoUsd().orElseThrow()))
                    .containsEntry("available", "1000").containsEntry("limit", "1000");
        });
        assertThat(sink.awaitEvent(requestId(refused)).errorType()).isEqualTo("billing_error");
        assertThat(sink.attempts(requestId(refused))).as("no upstream call").isEmpty();
    }

    @Test
    void aProxyConfiguredFor402AnswersBudgetRefusalsWith402() throws Exception {
        try (ProxyServer with402 = start(SETTINGS.withBudgetRefusalStatus(402))) {
            HttpResponse<String> refused = send(with402, "tp-broke", BODY, Map.of());
            assertThat(refused.statusCode()).isEqualTo(402);
            assertThat(JSON.readTree(refused.body()).at("/error/type").asText()).isEqualTo("billing_error");
        }
    }

    @Test
    void theWorstCaseIsReservedOnEveryBudgetAndTheUpstreamsExactCostSettled() throws Exception {
        long usdBefore = gate.spent("eng-usd");
        long tokensBefore = gate.spent("eng-key-tokens");
        HttpResponse<String> response = send("tp-eng", BODY, Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        String requestId = requestId(response);

        BudgetGate.ReserveRequest reserved = gate.reserveRequests.stream()
                .filter(r -> r.requestId().equals(requestId)).findFirst().orElseThrow();
        WorstCaseCost worst = worstCase(BODY, 16);
        assertThat(reserved.worstCaseNanoUsd().getAsLong()).isEqualTo(worst.nanoUsd().orElseThrow());
        assertThat(reserved.worstCaseTokens()).isEqualTo(worst.tokens());
        assertThat(reserved.expiresAt()).as("read timeout + total retry time + margin")
                .isEqualTo(NOW.plus(Duration.ofMinutes(10)).plus(Duration.ofSeconds(60)).plus(Duration.ofMinutes(1)));

        InMemoryBudgetGate.Settled settled = await().atMost(Duration.ofSeconds(10)).until(() -> gate.settled.stream()
                .filter(s -> s.hold().requestId().equals(requestId)).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
        RequestCompleted event = sink.awaitEvent(requestId);
        assertThat(event.costNanoUsd()).isEqualTo(SUCCESS_NANO_USD);
        assertThat(settled.actualNanoUsd()).isEqualTo(SUCCESS_NANO_USD);
        assertThat(settled.actualTokens()).isEqualTo(SUCCESS_TOKENS);
        assertThat(settled.hold().reservations()).extracting(BudgetReservation::budgetId)
                .containsExactly("eng-key-tokens", "eng-usd");
        assertThat(gate.spent("eng-usd")).isEqualTo(usdBefore + SUCCESS_NANO_USD);
        assertThat(gate.spent("eng-key-tokens")).isEqualTo(tokensBefore + SUCCESS_TOKENS);
        assertThat(gate.reserved("eng-usd")).isZero();
        assertThat(gate.reserved("eng-key-tokens")).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> budgetDecisions(response).size() == 4);
        assertThat(budgetDecisions(response)).extracting(d -> d.decision() + " " + d.policyId())
                .containsExactlyInAnyOrder("reserve eng-key-tokens", "reserve eng-usd", "settle eng-key-tokens",
                        "settle eng-usd");
        assertThat(budgetDecisions(response)).filteredOn(d -> d.decision().equals("settle"))
                .extracting(d -> d.details().get("actual"))
                .containsExactlyInAnyOrder(Long.toString(SUCCESS_NANO_USD), Long.toString(SUCCESS_TOKENS));
        assertThat(budgetDecisions(response)).filteredOn(d -> d.policyId().equals("eng-usd")
                        && d.decision().equals("reserve")).singleElement()
                .satisfies(d -> assertThat(d.details()).containsEntry("amount",
                        Long.toString(worst.nanoUsd().orElseThrow())));
    }

    @Test
    void aHeaderNamingAnotherTeamIsStillChargedToTheKeysTeam() throws Exception {
        long supportBefore = gate.spent("support-usd");
        long engBefore = gate.spent("eng-usd");

        HttpResponse<String> response = send("tp-eng", BODY, Map.of("x-turnpike-metadata", "{\"team\":\"support\"}"));

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.spent("eng-usd") == engBefore + SUCCESS_NANO_USD);
        assertThat(gate.spent("support-usd")).isEqualTo(supportBefore);
        assertThat(budgetDecisions(response)).extracting(PolicyDecision::policyId).doesNotContain("support-usd");
    }

    @Test
    void anUpstreamErrorReleasesTheHoldWithoutCharging() throws Exception {
        upstream.respondWith(exchange -> FakeAnthropic.json(exchange, 400,
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"no\"}}"));
        try {
            HttpResponse<String> response = send("tp-fails", BODY, Map.of());
            assertThat(response.statusCode()).isEqualTo(400);
            String requestId = requestId(response);

            await().atMost(Duration.ofSeconds(10)).until(() -> gate.released.stream()
                    .anyMatch(hold -> hold.requestId().equals(requestId)));
            assertThat(gate.settled).noneMatch(s -> s.hold().requestId().equals(requestId));
            assertThat(gate.reserved("fails-usd")).isZero();
            assertThat(gate.spent("fails-usd")).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> budgetDecisions(response).size() == 2);
            assertThat(budgetDecisions(response)).extracting(PolicyDecision::decision)
                    .containsExactly("reserve", "release");
        } finally {
            upstream.respondWith(exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));
        }
    }

    @Test
    void whenOneBudgetRefusesTheOthersAreReleased() throws Exception {
        HttpResponse<String> refused = send("tp-multi", BODY, Map.of());

        assertThat(refused.statusCode()).isEqualTo(412);
        assertThat(JSON.readTree(refused.body()).at("/error/message").asText())
                .startsWith("budget \"Multi tokens\" (multi-tokens) is exhausted: this request may use up to ")
                .endsWith(" tokens and 5 of 5 tokens are left");
        assertThat(gate.reserved("multi-a-usd")).isZero();
        assertThat(budgetDecisions(refused)).extracting(d -> d.decision() + " " + d.policyId())
                .containsExactly("reserve multi-a-usd", "release multi-a-usd", "refuse multi-tokens");
    }

    @Test
    void aRequestNoBudgetAppliesToNeverReachesTheGate() throws Exception {
        int calls = gate.reserveCalls();

        HttpResponse<String> response = send("tp-free", BODY, Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        sink.awaitEvent(requestId(response));
        assertThat(gate.reserveCalls()).isEqualTo(calls);
        assertThat(budgetDecisions(response)).isEmpty();
    }

    @Test
    void countTokensIsNeverBudgeted() throws Exception {
        int calls = gate.reserveCalls();
        upstream.respondWith(exchange -> FakeAnthropic.json(exchange, 200, "{\"input_tokens\":7}"));
        try {
            HttpResponse<String> counted = CLIENT.send(request(proxy, "tp-broke", BODY, Map.of(),
                    "/v1/messages/count_tokens"), HttpResponse.BodyHandlers.ofString());
            assertThat(counted.statusCode()).isEqualTo(200);
            assertThat(gate.reserveCalls()).isEqualTo(calls);
        } finally {
            upstream.respondWith(exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static WorstCaseCost worstCase(String body, long maxTokens) {
        return WorstCaseCost.of(TokenEstimator.estimate(body.getBytes(StandardCharsets.UTF_8)), maxTokens,
                "claude-haiku-4-5", PriceTable.loadDefault());
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("request-id").orElseThrow();
    }

    private static List<PolicyDecision> budgetDecisions(HttpResponse<String> response) {
        String id = requestId(response);
        return sink.decisions().stream()
                .filter(d -> id.equals(d.requestId()) && d.policyType().equals(PolicyDecision.BUDGET))
                .toList();
    }

    private static HttpResponse<String> send(String key, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        return send(proxy, key, body, headers);
    }

    private static HttpResponse<String> send(ProxyServer server, String key, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        return CLIENT.send(request(server, key, body, headers, "/v1/messages"), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(ProxyServer server, String key, String body, Map<String, String> headers,
                                       String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .header("x-api-key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return request.build();
    }
}
