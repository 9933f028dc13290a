package io.turnpike.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.turnpike.events.guardrails.GuardrailEvaluated;
import io.turnpike.proxy.fakes.FakeAnthropic;
import io.turnpike.proxy.pricing.PriceSource;
import io.turnpike.proxy.pricing.PriceTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A webhook guardrail on the data path: its verdict decides (off the IO thread), a detector that does not answer in
 * time refuses when the guardrail fails closed and is ignored when it fails open, and on a stream it judges the
 * complete text before {@code message_stop} goes out.
 */
class WebhookGuardrailsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static HttpServer detector;
    private static final BlockingQueue<JsonNode> judged = new LinkedBlockingQueue<>();
    private static FakeAnthropic upstream;
    private static CollectingEventSink sink;
    private static ProxyServer proxy;

    @BeforeAll
    static void start() throws IOException {
        detector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        detector.createContext("/judge", WebhookGuardrailsIT::judge);
        detector.createContext("/slow", exchange -> {
            try {
                Thread.sleep(1_500);
                answer(exchange, "{\"verdict\":true}");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        detector.setExecutor(Executors.newCachedThreadPool());
        detector.start();
        String base = "http://127.0.0.1:" + detector.getAddress().getPort();
        upstream = FakeAnthropic.start();
        upstream.respondWith(exchange -> {
            OutputStream out = FakeAnthropic.startStream(exchange);
            FakeAnthropic.frame(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m\","
                    + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-4-5\",\"content\":[],"
                    + "\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}");
            FakeAnthropic.frame(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
            Thread.sleep(100);
            FakeAnthropic.frame(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"the launch code is \"}}");
            FakeAnthropic.frame(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"forbidden\"}}");
            Thread.sleep(100); // the client has the first text before the end arrives
            FakeAnthropic.frame(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
            FakeAnthropic.frame(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                    + "\"end_turn\"},\"usage\":{\"output_tokens\":7}}");
            FakeAnthropic.frame(out, "message_stop", "{\"type\":\"message_stop\"}");
            out.close();
        });
        InMemoryGatewayDirectory directory = new InMemoryGatewayDirectory()
                .provider(new ProviderAccount("anthropic-o", "anthropic", Map.of("base_url", upstream.baseUrl()),
                        "sk-ant-upstream"))
                .defineGuardrail(webhook("judge-in", "input", base + "/judge", 5_000, "fail_closed"))
                .defineGuardrail(webhook("judge-out", "output", base + "/judge", 5_000, "fail_closed"))
                .defineGuardrail(webhook("slow-closed", "input", base + "/slow", 200, "fail_closed"))
                .defineGuardrail(webhook("slow-open", "input", base + "/slow", 200, "fail_open"));
        for (String id : List.of("judge-in", "judge-out", "slow-closed", "slow-open")) {
            String side = id.equals("judge-out") ? "output_guardrails" : "input_guardrails";
            directory.config(new RoutingConfig("cfg-" + id, 1, "{\"" + side + "\":[\"" + id + "\"],"
                    + "\"targets\":[{\"provider\":\"@anthropic-o\"}]}"));
            directory.key("tp-" + id, new KeyGrant("key-" + id, id, "cfg-" + id, Map.of("team", "ops"), false,
                    false));
        }
        sink = new CollectingEventSink();
        proxy = ProxyServer.start(ProxySettings.defaults().withPort(0), directory, sink,
                PriceSource.fixed(PriceTable.loadDefault()), Clock.systemUTC(), new Random(1));
    }

    private static String webhook(String id, String side, String url, int timeoutMs, String onError) {
        return "{\"id\":\"" + id + "\",\"action\":\"deny\",\"applies_to\":\"" + side + "\",\"on_error\":\"" + onError
                + "\",\"checks\":[{\"type\":\"webhook\",\"params\":{\"url\":\"" + url + "\",\"timeoutMs\":" + timeoutMs
                + ",\"headers\":{\"authorization\":\"Bearer detector-secret\"}}}]}";
    }

    /** Fails any text that says "forbidden"; remembers what it was shown. */
    private static void judge(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        judged.add(body);
        boolean pass = !body.toString().contains("forbidden")
                && "Bearer detector-secret".equals(exchange.getRequestHeaders().getFirst("authorization"));
        answer(exchange, "{\"verdict\":" + pass + ",\"category\":\"house_rules\"}");
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.close();
        detector.stop(0);
    }

    @Test
    void theDetectorsVerdictDecidesAndItSeesEveryText() throws Exception {
        judged.clear();
        HttpResponse<String> refused = send("tp-judge-in", "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":9,"
                + "\"system\":\"be kind\",\"messages\":[{\"role\":\"user\",\"content\":\"say forbidden\"}]}");

        assertThat(refused.statusCode()).isEqualTo(446);
        assertThat(JSON.readTree(refused.body()).at("/guardrail_results/0/category").asText()).isEqualTo("house_rules");
        JsonNode shown = judged.poll(5, TimeUnit.SECONDS);
        assertThat(shown.get("kind").asText()).isEqualTo("input");
        assertThat(shown.at("/metadata/team").asText()).isEqualTo("ops");
        assertThat(shown.get("texts")).extracting(text -> text.get("text").asText())
                .containsExactly("be kind", "say forbidden");
    }

    @Test
    void aDetectorThatDoesNotAnswerInTimeRefusesWhenFailingClosedAndIsIgnoredWhenFailingOpen() throws Exception {
        String body = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        HttpResponse<String> closed = send("tp-slow-closed", body);
        HttpResponse<String> open = send("tp-slow-open", body);

        assertThat(closed.statusCode()).isEqualTo(446);
        assertThat(JSON.readTree(closed.body()).at("/guardrail_results/0/verdict").asText()).isEqualTo("ERROR");
        assertThat(open.statusCode()).isEqualTo(200);
        String openId = open.headers().firstValue("request-id").orElseThrow();
        assertThat(await().until(() -> sink.guardrails().stream().filter(e -> e.requestId().equals(openId)).toList(),
                found -> !found.isEmpty()))
                .extracting(GuardrailEvaluated::verdict, GuardrailEvaluated::actionTaken)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ERROR", "none"));
    }

    @Test
    void onAStreamTheDetectorJudgesTheWholeTextBeforeMessageStop() throws Exception {
        judged.clear();
        HttpResponse<String> response = send("tp-judge-out", "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":9,"
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        SseFrames frames = SseFrames.parse(response.body());
        assertThat(frames.eventNames()).doesNotContain("message_stop").last().isEqualTo("error");
        JsonNode shown = judged.poll(5, TimeUnit.SECONDS);
        assertThat(shown.get("kind").asText()).isEqualTo("output");
        assertThat(shown.at("/texts/0/text").asText()).isEqualTo("the launch code is forbidden");
        assertThat(judged.poll(200, TimeUnit.MILLISECONDS)).as("judged once, on the whole text").isNull();
    }

    private static HttpResponse<String> send(String key, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/v1/messages"))
                .header("x-api-key", key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
