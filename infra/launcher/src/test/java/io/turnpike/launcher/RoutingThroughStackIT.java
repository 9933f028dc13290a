package io.turnpike.launcher;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.PermissionDeniedException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import io.turnpike.infra.local.FreePorts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Routing configs as an admin writes them, end to end: a fallback from an unreachable Anthropic account to the
 * mock, and the simple cache, seen by the official SDK and in the request log (target, attempts, cache status).
 */
@ExtendWith(SharedStack.class)
class RoutingThroughStackIT {
    private static RunningStack stack;
    private static String fallbackKey;
    private static String cachedKey;

    @BeforeAll
    static void configure(RunningStack running) {
        stack = running;
        AdminClient admin = running.admin();
        admin.created("/v1/admin/providers", "{\"id\":\"routing-dead\",\"type\":\"anthropic\",\"api_key\":\"sk-ant-x\","
                + "\"base_url\":\"http://127.0.0.1:" + FreePorts.pick() + "\"}");
        admin.created("/v1/admin/providers", "{\"id\":\"routing-mock\",\"type\":\"mock\"}");
        admin.created("/v1/admin/configs", "{\"id\":\"routing-fallback\",\"config\":{\"strategy\":{\"mode\":\"fallback\"},"
                + "\"targets\":[{\"provider\":\"@routing-dead\"},{\"provider\":\"@routing-mock\"}]}}");
        admin.created("/v1/admin/configs", "{\"id\":\"routing-cached\",\"config\":{\"cache\":{\"mode\":\"simple\","
                + "\"max_age\":600},\"targets\":[{\"provider\":\"@routing-mock\"}]}}");
        fallbackKey = admin.created("/v1/admin/keys", "{\"name\":\"routing-fallback\",\"config\":\"routing-fallback\","
                + "\"metadata\":{\"tenant\":\"acme\",\"team\":\"routing\",\"env\":\"prod\"}}").get("key").asText();
        cachedKey = admin.created("/v1/admin/keys", "{\"name\":\"routing-cached\",\"config\":\"routing-cached\","
                + "\"metadata\":{\"tenant\":\"acme\",\"team\":\"routing\",\"env\":\"prod\"}}").get("key").asText();
    }

    private static AnthropicClient client(String key, String user) {
        return AnthropicOkHttpClient.builder().baseUrl(stack.proxyUrl()).authToken(key).maxRetries(0)
                .putHeader("x-turnpike-metadata", "{\"user\":\"" + user + "\"}").build();
    }

    private static MessageCreateParams question() {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(64)
                .addUserMessage("Which route did this take?").build();
    }

    @Test
    void anUnreachableFirstTargetFallsBackToTheNextAndTheLogSaysWhere() {
        Message message = client(fallbackKey, "fallback@acme.com").messages().create(question());
        assertThat(message.content().get(0).asText().text()).startsWith("Turnpike mock reply");

        JsonNode log = stack.awaitLog("routing", "fallback@acme.com");
        assertThat(log.get("provider").asText()).isEqualTo("routing-mock");
        assertThat(log.get("target_path").asText()).isEqualTo("config.targets[1]");
        assertThat(log.get("attempts").asInt()).as("one refused connection, then the mock").isEqualTo(2);
        assertThat(log.get("config_id").asText()).isEqualTo("routing-fallback");
        assertThat(log.get("config_version").asInt()).isEqualTo(1);
    }

    @Test
    void aRepeatedQuestionIsAnsweredFromTheCacheAtNoCost() {
        AnthropicClient client = client(cachedKey, "cached@acme.com");
        String first = client.messages().create(question()).content().get(0).asText().text();
        String second = client.messages().create(question()).content().get(0).asText().text();
        assertThat(second).isEqualTo(first);

        List<JsonNode> logs = stack.awaitLogs("routing", "cached@acme.com", 2, entry -> true).stream()
                .sorted(Comparator.comparing((JsonNode entry) -> entry.get("started_at").asText())).toList();
        assertThat(logs.get(0).get("cache_status").asText()).isEqualTo("MISS");
        assertThat(logs.get(1).get("cache_status").asText()).isEqualTo("HIT");
        assertThat(logs.get(1).get("cost_nano_usd").asLong()).isZero();
        assertThat(logs.get(1).get("saved_cost_usd").asText()).isEqualTo(logs.get(0).get("cost_usd").asText());
        assertThat(logs.get(1).get("attempts").asInt()).isZero();
    }

    @Test
    void aRefusalIsLoggedWithTheGatewaysReason() {
        AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(stack.proxyUrl()).authToken(fallbackKey)
                .maxRetries(0).putHeader("x-turnpike-metadata", "{\"user\":\"refused@acme.com\"}")
                .putHeader("x-turnpike-config", "routing-cached").build();
        assertThatThrownBy(() -> client.messages().create(question())).isInstanceOf(PermissionDeniedException.class);

        JsonNode log = stack.awaitLog("routing", "refused@acme.com");
        assertThat(log.get("http_status").asInt()).isEqualTo(403);
        assertThat(log.get("error_type").asText()).isEqualTo("permission_error");
        assertThat(log.get("error_message").asText()).contains("allow_config_override");
    }
}
