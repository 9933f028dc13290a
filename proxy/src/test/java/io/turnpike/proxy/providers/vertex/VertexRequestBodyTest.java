package io.turnpike.proxy.providers.vertex;

import io.turnpike.proxy.wire.ProxyError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VertexRequestBodyTest {
    private static final String BODY = """
            {"model":"claude-sonnet-4-5@20250929","max_tokens":1024,"stream":true,"temperature":0.70,\
            "thinking":{"type":"enabled","budget_tokens":2048},"messages":[{"role":"user","content":"Hi"}],\
            "context_management":{"edits":[]}}""";

    @Test
    void messagesLoseTheModelAndGainTheVertexVersionWithEverythingElseInOrder() {
        String rewritten = string(VertexRequestBody.forMessages(BODY.getBytes(StandardCharsets.UTF_8)));

        assertThat(rewritten).isEqualTo("""
                {"max_tokens":1024,"stream":true,"temperature":0.70,\
                "thinking":{"type":"enabled","budget_tokens":2048},"messages":[{"role":"user","content":"Hi"}],\
                "context_management":{"edits":[]},"anthropic_version":"vertex-2023-10-16"}""");
    }

    @Test
    void anExistingAnthropicVersionIsReplacedInPlace() {
        String rewritten = string(VertexRequestBody.forMessages(
                "{\"anthropic_version\":\"2023-06-01\",\"model\":\"m\",\"max_tokens\":1}"
                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(rewritten).isEqualTo("{\"anthropic_version\":\"vertex-2023-10-16\",\"max_tokens\":1}");
    }

    @Test
    void tokenCountingKeepsTheModel() {
        String rewritten = string(VertexRequestBody.forCountTokens(
                "{\"model\":\"claude-haiku-4-5@20251001\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8)));

        assertThat(rewritten).isEqualTo("{\"model\":\"claude-haiku-4-5@20251001\",\"messages\":[],"
                + "\"anthropic_version\":\"vertex-2023-10-16\"}");
    }

    @Test
    void aBodyThatIsNotAnObjectIsAnInvalidRequest() {
        assertThatThrownBy(() -> VertexRequestBody.forMessages("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProxyError.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    private static String string(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
