package io.turnpike.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guardrails defined through the admin API act on the proxy's next request, through the whole stack: a tenant
 * baseline that warns with the tenant's 246 opt-in, a key's own input guardrail that denies, and a config's output
 * guardrail that redacts what the (offline, echoing) mock model says — on JSON and on streams.
 */
@ExtendWith(SharedStack.class)
class GuardrailsThroughStackIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String EMAIL = "jane.doe@example.org";
    private static final String AWS_KEY = "AKIAZ7Q3KJ4LMN2PQRST";

    private static RunningStack stack;
    private static AdminClient admin;
    private static String guardedKey;

    @BeforeAll
    static void setUp(RunningStack running) {
        stack = running;
        admin = running.admin();
        admin.created("/v1/admin/providers", "{\"id\":\"mock-gr\",\"type\":\"mock\"}");
        admin.created("/v1/admin/guardrails", "{\"id\":\"gr-redact-email-out\",\"action\":\"redact\","
                + "\"applies_to\":\"output\",\"checks\":[{\"type\":\"pii\",\"params\":{\"categories\":[\"email\"]}}]}");
        admin.created("/v1/admin/guardrails", "{\"id\":\"gr-no-aws-keys\",\"action\":\"deny\","
                + "\"checks\":[{\"type\":\"pii\",\"params\":{\"categories\":[\"aws_access_key\"]}}]}");
        admin.created("/v1/admin/guardrails", "{\"id\":\"gr-warn-falcon\",\"action\":\"warn\",\"applies_to\":\"both\","
                + "\"checks\":[{\"type\":\"regexMatch\",\"params\":{\"pattern\":\"(?i)falcon\"},\"not\":true}]}");
        admin.created("/v1/admin/configs", "{\"id\":\"cfg-gr\",\"config\":{\"output_guardrails\":"
                + "[\"gr-redact-email-out\"],\"targets\":[{\"provider\":\"@mock-gr\"}]}}");
        assertThat(admin.put("/v1/admin/tenants/gr-tenant/guardrails",
                "{\"guardrails\":[\"gr-warn-falcon\"],\"warn_status\":246}").status()).isEqualTo(200);
        guardedKey = admin.created("/v1/admin/keys", "{\"name\":\"gr\",\"config\":\"cfg-gr\","
                + "\"guardrails\":[\"gr-no-aws-keys\"],"
                + "\"metadata\":{\"tenant\":\"gr-tenant\",\"team\":\"gr-team\",\"user\":\"gr@acme.com\"}}")
                .get("key").asText();
    }

    @Test
    void theModelsEmailIsRedactedInJsonAndInAStream() throws Exception {
        HttpResponse<String> json = send(body("please mail " + EMAIL + " the report", false));
        HttpResponse<String> stream = send(body("please mail " + EMAIL + " the report", true));

        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(json.body()).at("/content/0/text").asText()).contains("[REDACTED:EMAIL]")
                .doesNotContain(EMAIL);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body()).contains("[REDACTED:EMAIL]").contains("message_stop").doesNotContain(EMAIL);
    }

    @Test
    void theKeysOwnGuardrailDeniesASecretBeforeTheModelSeesIt() throws Exception {
        HttpResponse<String> refused = send(body("my key is " + AWS_KEY, false));

        assertThat(refused.statusCode()).isEqualTo(446);
        assertThat(JSON.readTree(refused.body()).at("/guardrail_results/0/guardrail").asText())
                .isEqualTo("gr-no-aws-keys");
        assertThat(refused.body()).doesNotContain(AWS_KEY);
    }

    @Test
    void theTenantsWarningIsServedWith246AsTheTenantOptedIn() throws Exception {
        HttpResponse<String> warned = send(body("tell me about project falcon", false));

        assertThat(warned.statusCode()).isEqualTo(246);
        assertThat(warned.headers().firstValue("x-turnpike-guardrail-verdict")).hasValueSatisfying(value ->
                assertThat(value).startsWith("warn;").contains("gr-warn-falcon"));
    }

    @Test
    void aGuardrailTheGatewayCannotRunIsRefusedWhenSavedNotOnEveryRequest() {
        String badSchema = "{\"type\":\"jsonSchema\",\"params\":{\"schema\":{\"type\":5}}}";

        AdminClient.Response named = admin.post("/v1/admin/guardrails", "{\"id\":\"gr-bad-schema\","
                + "\"applies_to\":\"output\",\"checks\":[" + badSchema + "]}");
        AdminClient.Response inline = admin.post("/v1/admin/configs", "{\"id\":\"cfg-gr-bad\",\"config\":{"
                + "\"output_guardrails\":[{\"jsonSchema\":{\"schema\":{\"type\":5}},\"deny\":true}],"
                + "\"targets\":[{\"provider\":\"@mock-gr\"}]}}");

        assertThat(named.status()).isEqualTo(400);
        assertThat(named.body().at("/error/message").asText()).startsWith("checks[0].params: jsonSchema.schema");
        assertThat(admin.get("/v1/admin/guardrails/gr-bad-schema").status()).isEqualTo(404);
        assertThat(inline.status()).isEqualTo(400);
        assertThat(inline.body().at("/error/message").asText()).contains("output_guardrails")
                .contains("jsonSchema.schema");
    }

    private static String body(String text, boolean stream) {
        return "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":64," + (stream ? "\"stream\":true," : "")
                + "\"messages\":[{\"role\":\"user\",\"content\":" + JSON.valueToTree(text) + "}]}";
    }

    private static HttpResponse<String> send(String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.proxyUrl() + "/v1/messages"))
                .header("authorization", "Bearer " + guardedKey)
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
