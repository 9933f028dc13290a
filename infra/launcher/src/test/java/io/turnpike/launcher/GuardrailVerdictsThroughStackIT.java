package io.turnpike.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Guardrail verdicts end to end: the proxy evaluates a config's input guardrail, the verdicts travel through Kafka
 * and the stream jobs into ClickHouse, and the query API shows them on the request log and counts them.
 */
@ExtendWith(SharedStack.class)
class GuardrailVerdictsThroughStackIT {
    private static final String TEAM = "guardrails-e2e";
    private static final String USER = "verdicts@acme.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningStack stack;
    private static String key;

    @BeforeAll
    static void configure(RunningStack running) {
        stack = running;
        AdminClient admin = running.admin();
        admin.created("/v1/admin/providers", "{\"id\":\"guardrails-mock\",\"type\":\"mock\"}");
        // Two checks in one guardrail, each its own verdict told apart by its position. A regexMatch states what
        // must hold, so "not" makes it "never mention project falcon".
        admin.created("/v1/admin/guardrails", "{\"id\":\"e2e-no-email\",\"action\":\"deny\",\"checks\":["
                + "{\"type\":\"pii\",\"params\":{\"categories\":[\"email\"]}},"
                + "{\"type\":\"regexMatch\",\"params\":{\"pattern\":\"(?i)project\\\\s+falcon\"},\"not\":true}]}");
        admin.created("/v1/admin/configs", "{\"id\":\"guardrails-e2e\",\"config\":{\"input_guardrails\":"
                + "[\"e2e-no-email\"],\"targets\":[{\"provider\":\"@guardrails-mock\"}]}}");
        key = admin.created("/v1/admin/keys", "{\"name\":\"guardrails-e2e\",\"config\":\"guardrails-e2e\","
                + "\"metadata\":{\"tenant\":\"acme\",\"team\":\"" + TEAM + "\",\"env\":\"prod\"}}").get("key").asText();
    }

    @Test
    void verdictsAppearOnTheRequestLogAndInTheDenialCounts() throws Exception {
        assertThat(send("Please write to jane.doe@example.com about it.").statusCode()).isEqualTo(446);
        assertThat(send("What is the capital of France?").statusCode()).isEqualTo(200);

        List<JsonNode> logs = stack.awaitLogs(TEAM, USER, 2, entry -> entry.get("guardrails").size() == 2);
        JsonNode denied = logs.stream().filter(e -> e.get("http_status").asInt() == 446).findFirst().orElseThrow();
        assertThat(denied.get("guardrails")).extracting(v -> v.get("check_type").asText() + ":"
                        + v.get("verdict").asText() + ":" + v.get("action_taken").asText() + ":" + v.get("category"))
                .containsExactlyInAnyOrder("pii:FAIL:deny:\"email\"", "regexMatch:PASS:none:\"regex_match\"");
        JsonNode served = logs.stream().filter(e -> e.get("http_status").asInt() == 200).findFirst().orElseThrow();
        assertThat(served.get("guardrails")).allSatisfy(v -> {
            assertThat(v.get("guardrail_id").asText()).isEqualTo("e2e-no-email");
            assertThat(v.get("applies_to").asText()).isEqualTo("input");
            assertThat(v.get("verdict").asText()).isEqualTo("PASS");
        });

        AdminClient.Response onlyDenied = stack.admin().get("/v1/logs?team=" + TEAM + "&guardrail_action=deny");
        assertThat(onlyDenied.body().get("data")).extracting(e -> e.get("request_id").asText())
                .containsExactly(denied.get("request_id").asText());

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            AdminClient.Response counts = stack.admin().get("/v1/analytics/guardrails?tenant=acme&team=" + TEAM
                    + "&group_by=guardrail_id,team");
            assertThat(counts.status()).isEqualTo(200);
            assertThat(counts.body().get("data")).singleElement().satisfies(row -> {
                assertThat(row.get("guardrail_id").asText()).isEqualTo("e2e-no-email");
                assertThat(row.get("evaluations").asLong()).isEqualTo(4);
                assertThat(row.get("fails").asLong()).isEqualTo(1);
                assertThat(row.get("denials").asLong()).isEqualTo(1);
                assertThat(row.get("denied_requests").asLong()).isEqualTo(1);
            });
        });
    }

    private static HttpResponse<String> send(String text) throws Exception {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
                + "\"content\":" + JSON.valueToTree(text) + "}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.proxyUrl() + "/v1/messages"))
                .timeout(Duration.ofSeconds(30))
                .header("x-api-key", key)
                .header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json")
                .header("x-turnpike-metadata", "{\"user\":\"" + USER + "\"}")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
