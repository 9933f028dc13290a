package io.turnpike.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.turnpike.events.guardrails.GuardrailEvaluated;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.proxy.fakes.FakeAnthropic;
import io.turnpike.proxy.pricing.PriceSource;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Output guardrails on {@code /v1/messages}: whole JSON responses (deny, redact, warn with and without the 246
 * opt-in) and streams — incremental (passes byte for byte, or stops mid-stream with an SSE error and the partial
 * cost recorded) and held (446 before any byte, or one redacted delta per block).
 */
class OutputGuardrailsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String EMAIL = "jane.doe@example.org";
    private static final String REQUEST = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":256,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"who should I write to?\"}]}";
    private static final String STREAM_REQUEST = REQUEST.replace("{\"model\"", "{\"stream\":true,\"model\"");

    private static FakeAnthropic upstream;
    private static DyingUpstream dying;
    private static CollectingEventSink sink;
    private static ProxyServer proxy;

    @BeforeAll
    static void start() throws IOException {
        upstream = FakeAnthropic.start();
        InMemoryGatewayDirectory directory = new InMemoryGatewayDirectory()
                .provider(new ProviderAccount("anthropic-o", "anthropic", Map.of("base_url", upstream.baseUrl()),
                        "sk-ant-upstream"))
                .defineGuardrail(guardrail("deny-email", "deny", "incremental"))
                .defineGuardrail(guardrail("hold-email", "deny", "hold"))
                .defineGuardrail(guardrail("redact-email", "redact", "incremental"))
                .defineGuardrail(guardrail("warn-email", "warn", "incremental"))
                .warnStatus("strict", 246);
        for (String id : List.of("deny-email", "hold-email", "redact-email", "warn-email")) {
            directory.config(new RoutingConfig("cfg-" + id, 1, "{\"output_guardrails\":[\"" + id + "\"],"
                    + "\"targets\":[{\"provider\":\"@anthropic-o\"}]}"));
            directory.key("tp-" + id, new KeyGrant("key-" + id, id, "cfg-" + id, Map.of(), false, false));
        }
        directory.provider(new ProviderAccount("mock-p", "mock", Map.of(), null))
                .config(new RoutingConfig("cfg-mock", 1, "{\"output_guardrails\":[\"redact-email\"],"
                        + "\"targets\":[{\"provider\":\"@mock-p\"}]}"))
                .key("tp-mock", new KeyGrant("key-mock", "mock", "cfg-mock", Map.of(), false, false));
        dying = new DyingUpstream(String.join("", frames(List.of("Hello there, write to " + EMAIL)).stream()
                .limit(3).map(frame -> "event: " + frame[0] + "\ndata: " + frame[1] + "\n\n").toList()));
        directory.provider(new ProviderAccount("dying-o", "anthropic", Map.of("base_url", dying.baseUrl()), "sk"));
        for (String id : List.of("warn-email", "hold-email")) {
            directory.config(new RoutingConfig("cfg-dying-" + id, 1, "{\"output_guardrails\":[\"" + id + "\"],"
                    + "\"targets\":[{\"provider\":\"@dying-o\"}]}"));
            directory.key("tp-dying-" + id, new KeyGrant("key-dying-" + id, id, "cfg-dying-" + id, Map.of(), false,
                    false));
        }
        directory.key("tp-strict-warn", new KeyGrant("key-strict", "strict", "cfg-warn-email",
                Map.of("tenant", "strict"), false, false));
        sink = new CollectingEventSink();
        proxy = ProxyServer.start(ProxySettings.defaults().withPort(0), directory, sink,
                PriceSource.fixed(PriceTable.loadDefault()), Clock.systemUTC(), new Random(1));
    }

    private static String guardrail(String id, String action, String streamMode) {
        return "{\"id\":\"" + id + "\",\"action\":\"" + action + "\",\"applies_to\":\"output\",\"stream_mode\":\""
                + streamMode + "\",\"checks\":[{\"type\":\"pii\",\"params\":{\"categories\":[\"email\"]}}]}";
    }

    @AfterAll
    static void stop() throws IOException {
        proxy.close();
        upstream.close();
        dying.close();
    }

    @BeforeEach
    void nothingPending() throws InterruptedException {
        while (upstream.pendingRequests() > 0) {
            upstream.takeRequest();
        }
    }

    @Test
    void anEmailInAJsonResponseIsDeniedWith446AndNeverReachesTheClient() throws Exception {
        upstream.respondWith(exchange -> FakeAnthropic.json(exchange, 200, message("Write to " + EMAIL + ".")));

        HttpResponse<String> response = send("tp-deny-email", REQUEST);

        assertThat(response.statusCode()).isEqualTo(446);
        JsonNode root = JSON.readTree(response.body());
        assertThat(root.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(root.at("/error/message").asText()).contains("output guardrail 'deny-email'");
        assertThat(root.at("/guardrail_results/0/guardrail").asText()).isEqualTo("deny-email");
        assertThat(root.at("/guardrail_results/0/category").asText()).isEqualTo("email");
        assertThat(response.body()).doesNotContain(EMAIL);
        String requestId = requestId(response);
        assertThat(verdicts(requestId)).singleElement().satisfies(verdict -> {
            assertThat(verdict.appliesTo()).isEqualTo("output");
            assertThat(verdict.verdict()).isEqualTo("FAIL");
            assertThat(verdict.actionTaken()).isEqualTo("deny");
            assertThat(verdict.category()).isEqualTo("email");
            assertThat(verdict.checkIndex()).isZero();
        });
        RequestCompleted completed = completed(requestId);
        assertThat(completed.httpStatus()).isEqualTo(446);
        assertThat(completed.usage().outputTokens()).as("the upstream's answer was paid for").isEqualTo(12);
    }

    @Test
    void aRedactGuardrailRewritesTheJsonResponseAndKeepsEverythingElse() throws Exception {
        upstream.respondWith(exchange -> FakeAnthropic.json(exchange, 200, message("Write to " + EMAIL + ".")));

        HttpResponse<String> response = send("tp-redact-email", REQUEST);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode root = JSON.readTree(response.body());
        assertThat(root.at("/content/0/text").asText()).isEqualTo("Write to [REDACTED:EMAIL].");
        assertThat(root.at("/id").asText()).isEqualTo("msg_out");
        assertThat(root.at("/usage/output_tokens").asInt()).isEqualTo(12);
        assertThat(verdicts(requestId(response))).extracting(GuardrailEvaluated::actionTaken).containsExactly("redact");
    }

    @Test
    void anEmailInAToolInputIsFoundToo() throws Exception {
        ObjectNode tool = (ObjectNode) JSON.readTree(message("calling the tool"));
        tool.withArray("content").addObject().put("type", "tool_use").put("id", "toolu_1").put("name", "send")
                .putObject("input").put("to", EMAIL).put("subject", "hi");
        upstream.respondWith(exchange -> FakeAnthropic.json(exchange, 200, tool.toString()));

        HttpResponse<String> redacted = send("tp-redact-email", REQUEST);

        assertThat(JSON.readTree(redacted.body()).at("/content/1/input/to").asText()).isEqualTo("[REDACTED:EMAIL]");
        assertThat(JSON.readTree(redacted.body()).at("/content/1/input/subject").asText()).isEqualTo("hi");
        assertThat(send("tp-deny-email", REQUEST).statusCode()).isEqualTo(446);
    }

    @Test
    void aWarningIsAHeaderUnlessTheTenantOptedInto246() throws Exception {
        upstream.respondWith(exchange -> FakeAnthropic.json(exchange, 200, message("Write to " + EMAIL + ".")));

        HttpResponse<String> plain = send("tp-warn-email", REQUEST);
        HttpResponse<String> strict = send("tp-strict-warn", REQUEST);

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("x-turnpike-guardrail-verdict")).hasValue("warn;warn-email");
        assertThat(plain.body()).contains(EMAIL);
        assertThat(strict.statusCode()).isEqualTo(246);
        assertThat(strict.headers().firstValue("x-turnpike-guardrail-verdict")).hasValue("warn;warn-email");
        assertThat(completed(requestId(strict)).httpStatus()).isEqualTo(246);
    }

    @Test
    void aCleanStreamPassesByteForByte() throws Exception {
        List<String> deltas = List.of("Hello", ", nothing ", "personal ", "here.");
        upstream.respondWith(exchange -> stream(exchange, deltas, -1, null));

        HttpResponse<String> response = send("tp-deny-email", STREAM_REQUEST);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(streamBody(deltas));
        assertThat(verdicts(requestId(response))).extracting(GuardrailEvaluated::verdict).containsExactly("PASS");
    }

    @Test
    void anIncrementalDenyStopsTheStreamMidwayWithAnSseErrorAndRecordsPartialCost() throws Exception {
        List<String> deltas = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            deltas.add("Sentence number " + i + " says nothing personal at all. ");
        }
        deltas.add("Now write to " + EMAIL + " today. ");
        for (int i = 0; i < 12; i++) {
            deltas.add("More harmless text " + i + ". ");
        }
        AtomicBoolean upstreamCut = new AtomicBoolean();
        CountDownLatch upstreamDone = new CountDownLatch(1);
        upstream.respondWith(exchange -> {
            try {
                stream(exchange, deltas, 20, () -> upstreamCut.set(true));
            } finally {
                upstreamDone.countDown();
            }
        });

        HttpResponse<String> response = send("tp-deny-email", STREAM_REQUEST);

        assertThat(response.statusCode()).isEqualTo(200);
        SseFrames frames = SseFrames.parse(response.body());
        assertThat(frames.eventNames()).startsWith("message_start", "content_block_start", "content_block_delta")
                .doesNotContain("message_stop").last().isEqualTo("error");
        JsonNode error = frames.frames().get(frames.frames().size() - 1).data();
        assertThat(error.at("/error/message").asText()).contains("output guardrail 'deny-email'");
        assertThat(error.at("/guardrail_results/0/guardrail").asText()).isEqualTo("deny-email");
        assertThat(response.body()).doesNotContain(EMAIL).contains("Sentence number 11");
        assertThat(upstreamDone.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(upstreamCut).as("the upstream stream was cancelled").isTrue();
        RequestCompleted completed = completed(requestId(response));
        assertThat(completed.errorMessage()).contains("deny-email");
        long producedCharacters = String.join("", deltas.subList(0, 13)).length();
        assertThat(completed.usage().outputTokens()).as("estimated from the text produced before the stop")
                .isGreaterThanOrEqualTo(producedCharacters / 4);
        assertThat(completed.costNanoUsd()).isPositive();
    }

    @Test
    void aHeldStreamThatFailsIsA446BeforeAnyByte() throws Exception {
        upstream.respondWith(exchange -> stream(exchange, List.of("Write to ", EMAIL, " please."), -1, null));

        HttpResponse<String> response = send("tp-hold-email", STREAM_REQUEST);

        assertThat(response.statusCode()).isEqualTo(446);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(JSON.readTree(response.body()).at("/guardrail_results/0/guardrail").asText())
                .isEqualTo("hold-email");
        assertThat(response.body()).doesNotContain(EMAIL);
    }

    @Test
    void aHeldStreamThatPassesIsSentWhole() throws Exception {
        List<String> deltas = List.of("All ", "clear.");
        upstream.respondWith(exchange -> stream(exchange, deltas, -1, null));

        HttpResponse<String> response = send("tp-hold-email", STREAM_REQUEST);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(streamBody(deltas));
    }

    @Test
    void aRedactingGuardrailHoldsTheStreamAndSendsEachRedactedBlockAsOneDelta() throws Exception {
        upstream.respondWith(exchange -> stream(exchange, List.of("Write to jane.", "doe@example", ".org now."), -1,
                null));

        HttpResponse<String> response = send("tp-redact-email", STREAM_REQUEST);

        assertThat(response.statusCode()).isEqualTo(200);
        SseFrames frames = SseFrames.parse(response.body());
        assertThat(frames.eventNames()).containsExactly("message_start", "content_block_start",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(frames.frames().get(2).data().at("/delta/text").asText())
                .isEqualTo("Write to [REDACTED:EMAIL] now.");
        assertThat(response.body()).doesNotContain("doe@example");
    }

    @Test
    void redactingSignedThinkingIsRefusedRatherThanLeaked() throws Exception {
        ObjectNode reply = (ObjectNode) JSON.readTree(message("done"));
        reply.withArray("content").insertObject(0).put("type", "thinking").put("thinking", "mail " + EMAIL)
                .put("signature", "sig");
        upstream.respondWith(exchange -> FakeAnthropic.json(exchange, 200, reply.toString()));

        HttpResponse<String> response = send("tp-redact-email", REQUEST);

        assertThat(response.statusCode()).isEqualTo(446);
        assertThat(response.body()).contains("thinking").doesNotContain(EMAIL);
    }

    @Test
    void theOfflineMockProviderIsGuardedLikeAnyUpstream() throws Exception {
        String echo = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"please mail " + EMAIL + " the report\"}]}";

        HttpResponse<String> json = send("tp-mock", echo);
        HttpResponse<String> stream = send("tp-mock", echo.replace("{\"model\"", "{\"stream\":true,\"model\""));

        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("[REDACTED:EMAIL]").doesNotContain(EMAIL);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(SseFrames.parse(stream.body()).eventNames()).endsWith("message_stop");
        assertThat(stream.body()).contains("[REDACTED:EMAIL]").doesNotContain(EMAIL);
    }

    @Test
    void aStreamThatBreaksOffStillLeavesItsOutputVerdicts() throws Exception {
        HttpResponse<String> incremental = send("tp-dying-warn-email", STREAM_REQUEST);
        HttpResponse<String> held = send("tp-dying-hold-email", STREAM_REQUEST);

        assertThat(SseFrames.parse(incremental.body()).eventNames()).last().isEqualTo("error");
        assertThat(held.statusCode()).as("nothing was sent yet: the break is an error status").isNotEqualTo(200);
        assertThat(held.body()).doesNotContain(EMAIL);
        for (HttpResponse<String> response : List.of(incremental, held)) {
            assertThat(verdicts(requestId(response))).singleElement().satisfies(verdict -> {
                assertThat(verdict.appliesTo()).isEqualTo("output");
                assertThat(verdict.verdict()).as("the text so far had the email").isEqualTo("FAIL");
                assertThat(verdict.category()).isEqualTo("email");
                assertThat(verdict.actionTaken()).as("the response ended before anything was done").isEqualTo("none");
            });
        }
    }

    private static String message(String text) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "msg_out").put("type", "message").put("role", "assistant")
                .put("model", "claude-haiku-4-5-20251001");
        root.putArray("content").addObject().put("type", "text").put("text", text);
        root.put("stop_reason", "end_turn").putNull("stop_sequence");
        root.putObject("usage").put("input_tokens", 20).put("output_tokens", 12);
        return root.toString();
    }

    private static String streamBody(List<String> deltas) {
        StringBuilder body = new StringBuilder();
        for (String[] frame : frames(deltas)) {
            body.append("event: ").append(frame[0]).append("\ndata: ").append(frame[1]).append("\n\n");
        }
        return body.toString();
    }

    private static List<String[]> frames(List<String> deltas) {
        List<String[]> frames = new ArrayList<>();
        frames.add(new String[]{"message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_s\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-4-5-20251001\",\"content\":[],"
                + "\"stop_reason\":null,\"usage\":{\"input_tokens\":20,\"output_tokens\":1}}}"});
        frames.add(new String[]{"content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"});
        for (String delta : deltas) {
            frames.add(new String[]{"content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":" + JSON.valueToTree(delta) + "}}"});
        }
        frames.add(new String[]{"content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"});
        frames.add(new String[]{"message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                + "\"end_turn\"},\"usage\":{\"output_tokens\":" + (deltas.size() * 3) + "}}"});
        frames.add(new String[]{"message_stop", "{\"type\":\"message_stop\"}"});
        return frames;
    }

    /** Streams the frames, one per flush, {@code pauseMillis} apart; {@code onCut} runs if the proxy hangs up. */
    private static void stream(HttpExchange exchange, List<String> deltas, long pauseMillis, Runnable onCut)
            throws IOException, InterruptedException {
        OutputStream out = FakeAnthropic.startStream(exchange);
        try {
            for (String[] frame : frames(deltas)) {
                FakeAnthropic.frame(out, frame[0], frame[1]);
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
            out.close();
        } catch (IOException cut) {
            if (onCut != null) {
                onCut.run();
            }
        }
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("request-id").orElseThrow();
    }

    private static List<GuardrailEvaluated> verdicts(String requestId) {
        return await().until(() -> sink.guardrails().stream().filter(e -> e.requestId().equals(requestId)).toList(),
                found -> !found.isEmpty());
    }

    private static RequestCompleted completed(String requestId) {
        return await().until(() -> sink.events().stream().filter(e -> e.requestId().equals(requestId)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
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
