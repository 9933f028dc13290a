package io.turnpike.proxy.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.proxy.exchange.ProviderReply;
import io.turnpike.proxy.wire.MessagesRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MockProviderCountTokensTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MockProvider mock = new MockProvider();

    private static MessagesRequest request(String json) {
        return MessagesRequest.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void countsWhatTheNextReplyWillReportAsInputTokens() throws Exception {
        String body = """
                {"model":"claude-sonnet-4-5","max_tokens":64,"system":"You are a careful assistant.",
                 "messages":[{"role":"user","content":"Summarise the plot of Hamlet in one line."},
                   {"role":"assistant","content":[{"type":"text","text":"A prince avenges his father."}]},
                   {"role":"user","content":[{"type":"text","text":"Shorter."}]}]}""";

        ProviderReply count = mock.count(request(body));
        ProviderReply reply = mock.reply(request(body));

        assertThat(count.status()).isEqualTo(200);
        JsonNode counted = JSON.readTree(count.body());
        assertThat(counted.size()).isEqualTo(1);
        assertThat(counted.get("input_tokens").asLong())
                .isEqualTo(JSON.readTree(reply.body()).at("/usage/input_tokens").asLong())
                .isEqualTo(MockProvider.tokens(28 + 41 + 28 + 8));
    }

    @Test
    void refusesARequestWithoutMessagesLikeTheReplyDoes() throws Exception {
        ProviderReply count = mock.count(request("{\"model\":\"claude-sonnet-4-5\",\"messages\":[]}"));
        assertThat(count.status()).isEqualTo(400);
        assertThat(JSON.readTree(count.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
    }
}
