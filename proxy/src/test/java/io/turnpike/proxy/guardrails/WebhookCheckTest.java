package io.turnpike.proxy.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The webhook check against a real HTTP server on loopback that answers what each test tells it to. */
class WebhookCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET_TEXT = "my card is 4111 1111 1111 1111";

    /** What the server received: method, headers, body. */
    private record Received(String method, com.sun.net.httpserver.Headers headers, JsonNode body) {
    }

    private interface Answer {
        void write(HttpExchange exchange) throws IOException;
    }

    private HttpServer server;
    private volatile Answer answer;
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/verdict", exchange -> {
            try (exchange) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestHeaders(),
                        JSON.readTree(exchange.getRequestBody())));
                answer.write(exchange);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/verdict";
    }

    /** A webhook check on the test server; the longest timeout unless {@code extra} sets one (CI machines are busy). */
    private GuardrailCheck webhook(String extra) throws Exception {
        String timeout = extra.contains("timeout") ? "" : ",\"timeoutMs\":10000";
        return GuardrailChecks.fromJson("webhook", JSON.readTree("{\"url\":\"" + url() + "\"" + timeout + extra + "}"));
    }

    private static Answer json(int status, String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    private static GuardrailInput input() {
        return new GuardrailInput(List.of(new TextSpan("system", "be brief"),
                new TextSpan("messages[0].content[0]", SECRET_TEXT)), "claude-sonnet-4-5",
                Map.of("team", "research", "env", "prod"), Set.of(RequestType.IMAGES, RequestType.TOOL_USE));
    }

    @Test
    void passesOnVerdictTrueAndSendsTheDocumentedBody() throws Exception {
        answer = json(200, "{\"verdict\":true}");

        CheckResult result = webhook("").evaluate(input());

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.category()).isEqualTo("webhook");
        Received request = received.poll(5, TimeUnit.SECONDS);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers().getFirst("content-type")).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo(JSON.readTree("""
                {"kind":"input","model":"claude-sonnet-4-5","metadata":{"env":"prod","team":"research"},
                 "texts":[{"source":"system","text":"be brief"},
                          {"source":"messages[0].content[0]","text":"%s"}],
                 "request_types":["tool_use","images"]}""".formatted(SECRET_TEXT)));
    }

    @Test
    void outputEvaluationsSayKindOutput() throws Exception {
        answer = json(200, "{\"verdict\":true}");

        webhook("").evaluate(GuardrailInput.output(List.of(new TextSpan("content[0]", "hi")), null, Map.of(),
                Set.of()));

        JsonNode body = received.poll(5, TimeUnit.SECONDS).body();
        assertThat(body.get("kind").asText()).isEqualTo("output");
        assertThat(body.get("model").isNull()).isTrue();
    }

    @Test
    void failsOnVerdictFalseAndRecordsTheDetectorsCategoryTrimmed() throws Exception {
        answer = json(200, "{\"verdict\":false,\"category\":\"" + "toxicity-".repeat(10) + "\"}");

        CheckResult result = webhook("").evaluate(input());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.category()).hasSize(64).startsWith("toxicity-toxicity-");
        assertThat(result.message()).isEqualTo("webhook flagged the text");
    }

    @Test
    void sendsTheConfiguredHeaders() throws Exception {
        answer = json(200, "{\"verdict\":true}");

        webhook(",\"headers\":{\"Authorization\":\"Bearer s3cret\",\"x-tenant\":\"acme\"}").evaluate(input());

        Received request = received.poll(5, TimeUnit.SECONDS);
        assertThat(request.headers().getFirst("authorization")).isEqualTo("Bearer s3cret");
        assertThat(request.headers().getFirst("x-tenant")).isEqualTo("acme");
    }

    @Test
    void aSlowWebhookIsAnErrorWithinTheTimeout() throws Exception {
        answer = exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            json(200, "{\"verdict\":true}").write(exchange);
        };

        long start = System.nanoTime();
        CheckResult result = webhook(",\"timeout\":200").evaluate(input());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.message()).isEqualTo("webhook did not answer within 200 ms");
        assertThat(millis).isBetween(150L, 5_000L);
    }

    @Test
    void aServerErrorIsAnErrorThatDoesNotQuoteTheAnswer() throws Exception {
        answer = json(500, "{\"error\":\"upstream detector crashed on: " + SECRET_TEXT + "\"}");

        CheckResult result = webhook("").evaluate(input());

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.message()).isEqualTo("webhook answered HTTP 500").doesNotContain("4111");
    }

    @Test
    void malformedOrIncompleteAnswersAreErrors() throws Exception {
        GuardrailCheck check = webhook("");
        answer = json(200, "{\"verdict\":tru " + SECRET_TEXT);
        assertThat(check.evaluate(input())).satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
            assertThat(r.message()).isEqualTo("webhook answer is not JSON");
        });
        answer = json(200, "{\"verdict\":\"true\"}");
        assertThat(check.evaluate(input()).message()).isEqualTo("webhook answer has no boolean \"verdict\"");
        answer = json(200, "{}");
        assertThat(check.evaluate(input()).verdict()).isEqualTo(Verdict.ERROR);
        answer = json(200, "[true]");
        assertThat(check.evaluate(input()).message()).isEqualTo("webhook answer is not a JSON object");
        answer = json(200, "{\"verdict\":true,\"pad\":\"" + "x".repeat(WebhookCheck.MAX_RESPONSE_BYTES) + "\"}");
        assertThat(check.evaluate(input()).verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        answer = exchange -> {
            exchange.getResponseHeaders().add("location", url());
            exchange.sendResponseHeaders(302, -1);
        };

        CheckResult result = webhook("").evaluate(input());

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.message()).isEqualTo("webhook answered HTTP 302");
        assertThat(received).hasSize(1);
    }

    @Test
    void nothingListeningIsAnError() throws Exception {
        GuardrailCheck check = webhook(",\"timeoutMs\":1000");
        server.stop(0);

        CheckResult result = check.evaluate(input());

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.message()).startsWith("webhook call failed: ");
    }

    @Test
    void isBlockingAndStaysSoWhenNegated() throws Exception {
        assertThat(webhook("").blocking()).isTrue();
        assertThat(webhook(",\"not\":true").blocking()).isTrue();
        assertThat(GuardrailChecks.fromJson("regexMatch", JSON.readTree("{\"pattern\":\"a\"}")).blocking()).isFalse();
    }

    @Test
    void definitionErrorsNameTheParameterAndNeverTheHeaderValue() {
        assertThatThrownBy(() -> GuardrailChecks.fromJson("webhook", JSON.readTree("{\"url\":\"ftp://x\"}")))
                .hasMessage("webhook.url: must be an absolute http(s) URL");
        assertThatThrownBy(() -> GuardrailChecks.fromJson("webhook",
                JSON.readTree("{\"url\":\"https://x.test\",\"timeout_ms\":10001}")))
                .hasMessage("webhook.timeout_ms: must be between 1 and 10000 milliseconds");
        assertThatThrownBy(() -> GuardrailChecks.fromJson("webhook",
                JSON.readTree("{\"url\":\"https://x.test\",\"headers\":{\"x-key\":\"s3cret\\r\\nx: y\"}}")))
                .hasMessageStartingWith("webhook.headers.x-key: must be printable").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> GuardrailChecks.fromJson("webhook",
                JSON.readTree("{\"url\":\"https://x.test\",\"headers\":{\"Content-Length\":\"1\"}}")))
                .hasMessage("webhook.headers.Content-Length: set by the gateway; cannot be configured");
    }

    @Test
    void portkeySpellingsAndTheDefaultTimeout() throws Exception {
        WebhookCheck check = (WebhookCheck) GuardrailChecks.fromJson("default.webhook",
                JSON.readTree("{\"webhookURL\":\"" + url() + "\"}"));
        assertThat(check.timeout().toMillis()).isEqualTo(3_000);
        assertThat(((WebhookCheck) webhook(",\"timeout\":250")).timeout().toMillis()).isEqualTo(250);
        assertThat(((WebhookCheck) webhook("")).timeout().toMillis()).isEqualTo(10_000);
    }
}
