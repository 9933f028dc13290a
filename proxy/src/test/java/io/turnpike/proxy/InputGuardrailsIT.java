package io.turnpike.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.events.guardrails.GuardrailEvaluated;
import io.turnpike.proxy.fakes.FakeAnthropic;
import io.turnpike.proxy.pricing.PriceSource;
import io.turnpike.proxy.pricing.PriceTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Input guardrails on {@code /v1/messages}: deny, warn and redact, tenant baselines, and verdict events. */
class InputGuardrailsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String EMAIL = "jane.doe@example.org";
    private static final String AWS_KEY = "AKIAZ7Q3KJ4LMN2PQRST";
    private static final String SUCCESS = "{\"id\":\"msg_ok\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-haiku-4-5-20251001\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":3}}";

    private static FakeAnthropic upstream;
    private static CollectingEventSink sink;
    private static ProxyServer proxy;

    @BeforeAll
    static void start() throws IOException {
        upstream = FakeAnthropic.start();
        upstream.respondWith(exchange -> FakeAnthropic.json(exchange, 200, SUCCESS));
        InMemoryGatewayDirectory directory = new InMemoryGatewayDirectory()
                .provider(new ProviderAccount("anthropic-o", "anthropic", Map.of("base_url", upstream.baseUrl()),
                        "sk-ant-upstream"))
                .defineGuardrail("{\"id\":\"no-email\",\"action\":\"deny\",\"checks\":[{\"type\":\"pii\","
                        + "\"params\":{\"categories\":[\"email\"]}}]}")
                .defineGuardrail("{\"id\":\"no-secrets\",\"action\":\"deny\",\"checks\":[{\"type\":\"pii\","
                        + "\"params\":{\"categories\":[\"aws_access_key\"]}}]}")
                .defineGuardrail("{\"id\":\"warn-email\",\"action\":\"warn\",\"checks\":[{\"type\":\"pii\","
                        + "\"params\":{\"categories\":[\"email\"]}}]}")
                .defineGuardrail("{\"id\":\"redact-email\",\"action\":\"redact\",\"checks\":[{\"type\":\"pii\","
                        + "\"params\":{\"categories\":[\"email\"]}}]}")
                .tenantGuardrails("acme", "no-email");
        for (String id : List.of("no-email", "no-secrets", "warn-email", "redact-email")) {
            directory.config(new RoutingConfig("cfg-" + id, 1, "{\"input_guardrails\":[\"" + id + "\"],"
                    + "\"targets\":[{\"provider\":\"@anthropic-o\"}]}"));
            directory.key("tp-" + id, new KeyGrant("key-" + id, id, "cfg-" + id, Map.of(), false, false));
        }
        directory.config(new RoutingConfig("cfg-plain", 1, "{\"targets\":[{\"provider\":\"@anthropic-o\"}]}"));
        directory.key("tp-acme", new KeyGrant("key-acme", "acme", "cfg-plain", Map.of("tenant", "acme"), false, false));
        directory.key("tp-plain", new KeyGrant("key-plain", "plain", "cfg-plain", Map.of(), false, false));
        directory.key("tp-key-guarded", new KeyGrant("key-guarded", "guarded", "cfg-plain", Map.of(), false, false,
                null, null, null, List.of("no-secrets")));
        sink = new CollectingEventSink();
        proxy = ProxyServer.start(ProxySettings.defaults().withPort(0), directory, sink,
                PriceSource.fixed(PriceTable.loadDefault()), Clock.systemUTC(), new Random(1));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.close();
    }

    @BeforeEach
    void nothingPending() {
        assertThat(upstream.pendingRequests()).isZero();
    }

    private static String body(String system, String lastMessage) {
        return "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":16,\"system\":" + JSON.valueToTree(system)
                + ",\"messages\":[{\"role\":\"user\",\"content\":" + JSON.valueToTree(lastMessage) + "}]}";
    }

    @Test
    void anEmailInTheSystemPromptIsDeniedWith446AndNeverReachesTheUpstream() throws Exception {
        HttpResponse<String> response = send("tp-no-email", body("Reply to " + EMAIL + " politely.", "Hi"));

        assertThat(response.statusCode()).isEqualTo(446);
        JsonNode root = JSON.readTree(response.body());
        assertThat(root.at("/type").asText()).isEqualTo("error");
        assertThat(root.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(root.at("/error/message").asText()).contains("no-email");
        assertThat(root.at("/guardrail_results/0/guardrail").asText()).isEqualTo("no-email");
        assertThat(root.at("/guardrail_results/0/verdict").asText()).isEqualTo("FAIL");
        assertThat(root.at("/guardrail_results/0/check").asText()).isEqualTo("pii");
        assertThat(response.body()).doesNotContain(EMAIL);
        Thread.sleep(200);
        assertThat(upstream.pendingRequests()).isZero();
    }

    @Test
    void aSecretInsideAnEarlierToolResultIsFoundAndDenied() throws Exception {
        String body = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":16,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"read the env file\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"read\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"AWS_ACCESS_KEY_ID=" + AWS_KEY + "\"}]}]},"
                + "{\"role\":\"user\",\"content\":\"summarise it\"}]}";

        HttpResponse<String> response = send("tp-no-secrets", body);

        assertThat(response.statusCode()).isEqualTo(446);
        assertThat(response.body()).contains("no-secrets").doesNotContain(AWS_KEY);
        String requestId = response.headers().firstValue("request-id").orElseThrow();
        List<GuardrailEvaluated> events = await().until(() -> verdicts(requestId), found -> !found.isEmpty());
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.guardrailId()).isEqualTo("no-secrets");
            assertThat(event.guardrailVersion()).isEqualTo(1);
            assertThat(event.verdict()).isEqualTo("FAIL");
            assertThat(event.actionTaken()).isEqualTo("deny");
            assertThat(event.matchCount()).isEqualTo(1);
            assertThat(event.appliesTo()).isEqualTo("input");
            assertThat(event.keyId()).isEqualTo("key-no-secrets");
        });
        assertThat(io.turnpike.events.EventJson.mapper().writeValueAsString(events)).doesNotContain(AWS_KEY);
        Thread.sleep(200);
        assertThat(upstream.pendingRequests()).isZero();
    }

    @Test
    void aWarnGuardrailServesTheRequestAndSaysSoInAHeader() throws Exception {
        HttpResponse<String> response = send("tp-warn-email", body("be brief", "mail " + EMAIL));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-turnpike-guardrail-verdict")).hasValue("warn;warn-email");
        assertThat(new String(upstream.takeRequest().body(), StandardCharsets.UTF_8)).contains(EMAIL);
    }

    @Test
    void aRedactGuardrailReplacesTheEmailBeforeTheUpstreamSeesIt() throws Exception {
        HttpResponse<String> response = send("tp-redact-email",
                body("Reply to " + EMAIL + " politely.", "and copy " + EMAIL + " please"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode sent = JSON.readTree(upstream.takeRequest().body());
        assertThat(sent.toString()).doesNotContain(EMAIL);
        assertThat(sent.at("/system").asText()).isEqualTo("Reply to [REDACTED:EMAIL] politely.");
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("and copy [REDACTED:EMAIL] please");
        List<String> fields = new java.util.ArrayList<>();
        sent.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("model", "max_tokens", "system", "messages");
    }

    @Test
    void theTenantBaselineAppliesEvenWhenTheConfigHasNoGuardrails() throws Exception {
        assertThat(send("tp-acme", body("Reply to " + EMAIL, "Hi")).statusCode()).isEqualTo(446);

        assertThat(send("tp-plain", body("Reply to " + EMAIL, "Hi")).statusCode()).isEqualTo(200);
        upstream.takeRequest();
    }

    @Test
    void aKeysOwnGuardrailsApplyWhateverItsConfigAttaches() throws Exception {
        HttpResponse<String> refused = send("tp-key-guarded", body("be brief", "my key is " + AWS_KEY));

        assertThat(refused.statusCode()).isEqualTo(446);
        assertThat(refused.body()).contains("no-secrets").doesNotContain(AWS_KEY);
        assertThat(send("tp-key-guarded", body("be brief", "nothing secret")).statusCode()).isEqualTo(200);
        upstream.takeRequest();
    }

    @Test
    void aPassingRequestIsServedUnchangedAndItsVerdictRecorded() throws Exception {
        String body = body("be brief", "Hi there");
        HttpResponse<String> response = send("tp-redact-email", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(upstream.takeRequest().body(), StandardCharsets.UTF_8)).isEqualTo(body);
        String requestId = response.headers().firstValue("request-id").orElseThrow();
        assertThat(await().until(() -> verdicts(requestId), found -> !found.isEmpty()))
                .extracting(GuardrailEvaluated::verdict, GuardrailEvaluated::actionTaken)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PASS", "none"));
    }

    private static List<GuardrailEvaluated> verdicts(String requestId) {
        return sink.guardrails().stream().filter(e -> e.requestId().equals(requestId)).toList();
    }

    private static HttpResponse<String> send(String key, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/v1/messages"))
                .header("x-api-key", key)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
