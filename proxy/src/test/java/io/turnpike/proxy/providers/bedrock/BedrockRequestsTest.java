package io.turnpike.proxy.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.proxy.wire.ProxyError;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BedrockRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI ENDPOINT = URI.create("https://bedrock-runtime.us-east-1.amazonaws.com");

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void invokeBodyAddsTheVersionDropsModelAndStreamAndKeepsEverythingElseInOrder() throws Exception {
        byte[] body = bytes("""
                {"model":"us.anthropic.claude-sonnet-4-5-20250929-v1:0","max_tokens":64,"stream":true,
                 "system":[{"type":"text","text":"terse","cache_control":{"type":"ephemeral"}}],
                 "x_unknown":{"keep":[1,2.50,null]},"messages":[{"role":"user","content":"Grüße"}],
                 "temperature":0.2,"metadata":{"user_id":"u-1"}}""");

        byte[] transformed = BedrockRequests.invokeBody(body, List.of());
        JsonNode out = JSON.readTree(transformed);

        assertThat(new String(transformed, StandardCharsets.UTF_8)).contains("\"x_unknown\":{\"keep\":[1,2.50,null]}");
        assertThat(out.fieldNames()).toIterable().containsExactly("anthropic_version", "max_tokens", "system",
                "x_unknown", "messages", "temperature", "metadata");
        assertThat(out.get("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
        assertThat(out.at("/messages/0/content").asText()).isEqualTo("Grüße");
        assertThat(out.at("/system/0/cache_control/type").asText()).isEqualTo("ephemeral");
        assertThat(out.has("anthropic_beta")).isFalse();
    }

    @Test
    void betaHeaderValuesCommaSeparatedAndRepeatedBecomeOneArrayWithoutDuplicates() throws Exception {
        byte[] body = bytes("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[]}");

        JsonNode out = JSON.readTree(BedrockRequests.invokeBody(body,
                List.of("interleaved-thinking-2025-05-14, context-1m-2025-08-07", "token-efficient-tools-2025-02-19",
                        "context-1m-2025-08-07,")));

        assertThat(out.get("anthropic_beta")).isNotNull();
        assertThat(out.get("anthropic_beta").toString()).isEqualTo("[\"interleaved-thinking-2025-05-14\","
                + "\"context-1m-2025-08-07\",\"token-efficient-tools-2025-02-19\"]");
        assertThat(out.fieldNames()).toIterable().last().isEqualTo("anthropic_beta");
    }

    @Test
    void betasAlreadyInTheBodyStayInPlaceAndHeaderValuesJoinThem() throws Exception {
        byte[] body = bytes("{\"model\":\"m\",\"anthropic_beta\":[\"a-1\"],\"max_tokens\":1,\"messages\":[]}");

        JsonNode out = JSON.readTree(BedrockRequests.invokeBody(body, List.of("b-2,a-1")));

        assertThat(out.fieldNames()).toIterable().containsExactly("anthropic_version", "anthropic_beta",
                "max_tokens", "messages");
        assertThat(out.get("anthropic_beta").toString()).isEqualTo("[\"a-1\",\"b-2\"]");
    }

    @Test
    void aClientSuppliedAnthropicVersionIsReplacedByBedrocks() throws Exception {
        JsonNode out = JSON.readTree(BedrockRequests.invokeBody(
                bytes("{\"anthropic_version\":\"2023-06-01\",\"model\":\"m\",\"max_tokens\":1}"), List.of()));

        assertThat(out.toString()).isEqualTo("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":1}");
    }

    @Test
    void aBodyThatIsNotAnObjectIsAnInvalidRequest() {
        assertThatThrownBy(() -> BedrockRequests.invokeBody(bytes("[1]"), List.of()))
                .isInstanceOfSatisfying(ProxyError.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void invokeUrlsCarryTheModelIdAsOneEncodedPathSegment() {
        assertThat(BedrockRequests.invokeUri(ENDPOINT, "anthropic.claude-haiku-4-5-20251001-v1:0", false))
                .hasToString("https://bedrock-runtime.us-east-1.amazonaws.com/model/"
                        + "anthropic.claude-haiku-4-5-20251001-v1%3A0/invoke");
        assertThat(BedrockRequests.invokeUri(ENDPOINT, "global.anthropic.claude-sonnet-4-5-20250929-v1:0", true))
                .hasToString("https://bedrock-runtime.us-east-1.amazonaws.com/model/"
                        + "global.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke-with-response-stream");
    }

    @Test
    void arnsAreEncodedSoTheirColonsAndSlashesAreNotPathStructure() {
        String arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3 d4";

        URI uri = BedrockRequests.invokeUri(ENDPOINT, arn, false);

        assertThat(uri.getRawPath()).isEqualTo("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3A"
                + "application-inference-profile%2Fa1b2c3%20d4/invoke");
        assertThat(uri.getPath()).isEqualTo("/model/" + arn + "/invoke");
    }

    @Test
    void anEndpointWithAPathPrefixKeepsIt() {
        assertThat(BedrockRequests.invokeUri(URI.create("http://127.0.0.1:9000/bedrock"), "m", false))
                .hasToString("http://127.0.0.1:9000/bedrock/model/m/invoke");
    }

    @Test
    void countTokensUsesTheBareFoundationModelIdAndWrapsTheInvokeBodyInBase64() throws Exception {
        assertThat(BedrockRequests.countTokensUri(ENDPOINT, "us.anthropic.claude-sonnet-4-5-20250929-v1:0"))
                .hasToString("https://bedrock-runtime.us-east-1.amazonaws.com/model/"
                        + "anthropic.claude-sonnet-4-5-20250929-v1%3A0/count-tokens");
        assertThat(BedrockRequests.countTokensUri(ENDPOINT, "arn:aws:bedrock:us-east-1::foundation-model/x").getPath())
                .isEqualTo("/model/arn:aws:bedrock:us-east-1::foundation-model/x/count-tokens");

        JsonNode out = JSON.readTree(BedrockRequests.countTokensBody(
                bytes("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), List.of("b-1")));

        assertThat(out.fieldNames()).toIterable().containsExactly("input");
        JsonNode invoke = JSON.readTree(Base64.getDecoder().decode(out.at("/input/invokeModel/body").asText()));
        assertThat(invoke.toString()).isEqualTo("{\"anthropic_version\":\"bedrock-2023-05-31\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"anthropic_beta\":[\"b-1\"],\"max_tokens\":1}");
    }
}
