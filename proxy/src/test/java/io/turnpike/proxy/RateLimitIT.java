package io.turnpike.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.events.policy.PolicyDecision;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.proxy.pricing.PriceTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Rate limits through a real proxy and the mock provider, on a clock that moves only when told. Each test has its
 * own tenant, and its policies match only that tenant, so tests never share counters.
 */
class RateLimitIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** The mock answers this with usage 7 input + 11 output tokens. */
    private static final String BODY = """
            {"model":"claude-sonnet-4-5","max_tokens":1024,"system":"You are terse.",
             "messages":[{"role":"user","content":[{"type":"text","text":"Hello there"}]}]}""";

    private static final List<RateLimitPolicyView> POLICIES = new CopyOnWriteArrayList<>();
    private static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private static CollectingEventSink sink;
    private static ProxyServer proxy;

    @BeforeAll
    static void start() {
        InMemoryGatewayDirectory keys = new InMemoryGatewayDirectory()
                .provider(new ProviderAccount("mock-1", "mock", Map.of(), null))
                .config(new RoutingConfig("cfg-mock", 1,
                        "{\"strategy\":{\"mode\":\"single\"},\"targets\":[{\"provider\":\"@mock-1\"}]}"));
        for (String tenant : List.of("t1", "t2", "t3", "t4", "t5")) {
            keys.key("tp-" + tenant, new KeyGrant("key-" + tenant, tenant, "cfg-mock",
                    Map.of("tenant", tenant, "team", "eng"), false));
        }
        GatewayDirectory directory = new GatewayDirectory() {
            @Override
            public Optional<KeyGrant> keyByHash(String keyHash) {
                return keys.keyByHash(keyHash);
            }

            @Override
            public Optional<RoutingConfig> config(String configId) {
                return keys.config(configId);
            }

            @Override
            public Optional<ProviderAccount> provider(String providerId) {
                return keys.provider(providerId);
            }

            @Override
            public List<RateLimitPolicyView> rateLimitPolicies() {
                return List.copyOf(POLICIES);
            }
        };
        sink = new CollectingEventSink();
        proxy = ProxyServer.start(ProxySettings.defaults().withPort(0), directory, sink, PriceTable.loadDefault(),
                CLOCK);
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @Test
    void theRequestAfterTheLimitGets429WithTheExactRetryAfter() throws Exception {
        POLICIES.add(policy("t1-team-rpm", RateLimitScope.TEAM, "t1", 3L, null));
        List<String> allowed = List.of(ok("t1", "ana"), ok("t1", "ana"), ok("t1", "ana"));

        HttpResponse<String> refused = send("t1", "ana");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("retry-after")).hasValue("20"); // 3 per minute: a slot every 20 s
        JsonNode error = JSON.readTree(refused.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.get("message").asText()).isEqualTo("rate limit \"t1-team-rpm\" (3 requests per minute"
                + " per team \"eng\") exceeded; retry after 20 s");
        String refusedId = refused.headers().firstValue("request-id").orElseThrow();
        RequestCompleted event = sink.awaitEvent(refusedId);
        assertThat(event.httpStatus()).isEqualTo(429);
        assertThat(event.errorType()).isEqualTo("rate_limit_error");
        assertThat(event.provider()).isNull(); // refused before routing

        List<PolicyDecision> decisions = decisionsFor(allowed);
        assertThat(decisions).extracting(PolicyDecision::policyType, PolicyDecision::policyId,
                        PolicyDecision::decision, d -> d.details().get("remaining"))
                .containsExactly(tuple("rate_limit", "t1-team-rpm", "allow", "2"),
                        tuple("rate_limit", "t1-team-rpm", "allow", "1"),
                        tuple("rate_limit", "t1-team-rpm", "allow", "0"));
        PolicyDecision refusal = decisionsFor(List.of(refusedId)).get(0);
        assertThat(refusal.decision()).isEqualTo("refuse");
        assertThat(refusal.keyId()).isEqualTo("key-t1");
        assertThat(refusal.team()).isEqualTo("eng");
        assertThat(refusal.user()).isEqualTo("ana");
        assertThat(refusal.reason()).isEqualTo(error.get("message").asText());
        assertThat(refusal.details()).containsEntry("limit", "requests_per_minute").containsEntry("limit_value", "3")
                .containsEntry("retry_after_seconds", "20").containsEntry("scope", "team")
                .containsEntry("scope_value", "eng");

        CLOCK.advance(Duration.ofSeconds(19));
        assertThat(send("t1", "ana").headers().firstValue("retry-after")).hasValue("1");
        CLOCK.advance(Duration.ofSeconds(1));
        ok("t1", "ana");
    }

    @Test
    void aTeamLimitIsSharedByItsUsersWhileUserLimitsAreEach() throws Exception {
        POLICIES.add(policy("t2-team-rpm", RateLimitScope.TEAM, "t2", 3L, null));
        POLICIES.add(policy("t2-user-rpm", RateLimitScope.USER, "t2", 1L, null));
        ok("t2", "ana");

        HttpResponse<String> anaAgain = send("t2", "ana");
        assertThat(anaAgain.statusCode()).isEqualTo(429);
        assertThat(anaAgain.headers().firstValue("retry-after")).hasValue("60");
        assertThat(anaAgain.body()).contains("t2-user-rpm").contains("per user \\\"ana\\\"");

        ok("t2", "bob");
        ok("t2", "carol"); // ana's refused request was not counted for the team: this is its third
        HttpResponse<String> dan = send("t2", "dan");
        assertThat(dan.statusCode()).isEqualTo(429);
        assertThat(dan.headers().firstValue("retry-after")).hasValue("20");
        assertThat(dan.body()).contains("t2-team-rpm");
        // The team refused; dan's own limit was fine but is not reported, as nothing was counted.
        assertThat(decisionsFor(List.of(dan.headers().firstValue("request-id").orElseThrow())))
                .extracting(PolicyDecision::policyId, PolicyDecision::decision)
                .containsExactly(tuple("t2-team-rpm", "refuse"));
    }

    @Test
    void tokensPerMinuteRefuseOnceBigResponsesUsedThemUp() throws Exception {
        POLICIES.add(policy("t3-key-tpm", RateLimitScope.KEY, "t3", null, 30L));
        String first = ok("t3", "ana");
        assertThat(sink.awaitEvent(first).usage().inputTokens() + sink.awaitEvent(first).usage().outputTokens())
                .isEqualTo(18);
        String second = ok("t3", "ana"); // 12 of 30 tokens left: admitted, and then overdraws to 36
        sink.awaitEvent(second); // tokens are charged before the event is published

        HttpResponse<String> refused = send("t3", "ana");

        // 36 tokens at 2 s each against a 60 s allowance: one token is free again at 36 × 2 + 2 − 60 = 14 s.
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("retry-after")).hasValue("14");
        assertThat(refused.body()).contains("30 tokens per minute per key \\\"key-t3\\\"");
        assertThat(decisionsFor(List.of(first))).extracting(d -> d.details().get("limit"), d -> d.details().get("remaining"))
                .containsExactly(tuple("tokens_per_minute", "30"));
    }

    @Test
    void withoutAMatchingPolicyThereIsNoDecision() throws Exception {
        POLICIES.add(policy("t4-user-rpm", RateLimitScope.USER, "t4", 1L, null));
        String noUser = ok("t4", null); // the key binds no user and the header sends none: nothing to count per
        String otherTenant = ok("t5", "ana");
        sink.awaitEvent(noUser);
        sink.awaitEvent(otherTenant);
        assertThat(decisionsFor(List.of(noUser, otherTenant))).isEmpty();
    }

    @Test
    void countTokensIsNotRateLimited() throws Exception {
        POLICIES.add(policy("t5-key-rpm", RateLimitScope.KEY, "t5", 1L, null));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> counted = CLIENT.send(request("/v1/messages/count_tokens", "t5", "ana").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(counted.statusCode()).isEqualTo(200);
        }
        ok("t5", "ana");
        assertThat(send("t5", "ana").statusCode()).isEqualTo(429);
    }

    private static RateLimitPolicyView policy(String id, RateLimitScope scope, String tenant, Long perMinute,
                                              Long tokensPerMinute) {
        return new RateLimitPolicyView(id, scope, Map.of("tenant", tenant), perMinute, null, null, tokensPerMinute);
    }

    /** Sends, expects 200, returns the request id. */
    private static String ok(String tenant, String user) throws Exception {
        HttpResponse<String> response = send(tenant, user);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.headers().firstValue("request-id").orElseThrow();
    }

    private static HttpResponse<String> send(String tenant, String user) throws Exception {
        return CLIENT.send(request("/v1/messages", tenant, user).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path, String tenant, String user) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path))
                .header("content-type", "application/json")
                .header("x-api-key", "tp-" + tenant)
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
        if (user != null) {
            builder.header("x-turnpike-metadata", "{\"user\":\"" + user + "\"}");
        }
        return builder;
    }

    /** Decisions are published before the response is sent, so they are there once the response is. */
    private static List<PolicyDecision> decisionsFor(List<String> requestIds) {
        return requestIds.stream().flatMap(id -> sink.decisions().stream().filter(d -> d.requestId().equals(id)))
                .filter(d -> d.policyType().equals(PolicyDecision.RATE_LIMIT))
                .toList();
    }
}
