package io.turnpike.proxy.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessagesRequestTest {

    @Test
    void readsModelAndStreamAndKeepsTheBytes() {
        byte[] body = "{ \"messages\": [{\"role\":\"user\",\"content\":\"hi\"}], \"model\" : \"claude-haiku-4-5\", \"stream\":true }"
                .getBytes(StandardCharsets.UTF_8);

        MessagesRequest request = MessagesRequest.parse(body);

        assertThat(request.model()).isEqualTo("claude-haiku-4-5");
        assertThat(request.stream()).isTrue();
        assertThat(request.body()).isSameAs(body);
        assertThat(request.withOverrides(null)).isSameAs(request);
    }

    @Test
    void overridesRewriteOnlyTheNamedFieldsInPlace() {
        MessagesRequest request = MessagesRequest.parse(
                "{\"model\":\"claude-opus-4-1\",\"x_future_field\":{\"a\":[1,2]},\"max_tokens\":5}"
                        .getBytes(StandardCharsets.UTF_8));
        ObjectNode overrides = new ObjectMapper().createObjectNode().put("model", "claude-haiku-4-5");

        MessagesRequest rewritten = request.withOverrides(overrides);

        assertThat(new String(rewritten.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"model\":\"claude-haiku-4-5\",\"x_future_field\":{\"a\":[1,2]},\"max_tokens\":5}");
        assertThat(rewritten.model()).isEqualTo("claude-haiku-4-5");
    }

    @Test
    void overridesKeepTheClientsNumbersExactlyAsWritten() {
        MessagesRequest request = MessagesRequest.parse(
                "{\"model\":\"m\",\"temperature\":0.70,\"top_p\":1.0E-1,\"seed\":12345678901234567890}"
                        .getBytes(StandardCharsets.UTF_8));
        ObjectNode overrides = new ObjectMapper().createObjectNode().put("model", "claude-haiku-4-5");

        assertThat(new String(request.withOverrides(overrides).body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"model\":\"claude-haiku-4-5\",\"temperature\":0.70,\"top_p\":0.10,"
                        + "\"seed\":12345678901234567890}");
    }

    @Test
    void refusesBodiesThatAreNotAMessagesRequest() {
        assertThatThrownBy(() -> parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> parse("[1]")).hasMessage("request body must be a JSON object");
        assertThatThrownBy(() -> parse("{\"model\":")).hasMessageStartingWith("request body is not valid JSON");
        assertThatThrownBy(() -> parse("{\"max_tokens\":5}")).hasMessage("model: field required");
        assertThatThrownBy(() -> parse("{\"model\":5}")).hasMessage("model: must be a string");
        assertThatThrownBy(() -> parse("{\"model\":\"m\",\"stream\":\"yes\"}")).hasMessage("stream: must be a boolean");
    }

    @Test
    void readsAnIntegerMaxTokensForBudgetsAndLeavesAnythingElseToTheUpstream() {
        assertThat(parse("{\"model\":\"m\",\"max_tokens\":4096}").maxTokens()).isEqualTo(4096L);
        assertThat(parse("{\"model\":\"m\"}").maxTokens()).isNull();
        assertThat(parse("{\"model\":\"m\",\"max_tokens\":\"many\"}").maxTokens()).isNull();
        assertThat(parse("{\"model\":\"m\",\"max_tokens\":99999999999999999999}").maxTokens()).isNull();
    }

    private static MessagesRequest parse(String body) {
        return MessagesRequest.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
