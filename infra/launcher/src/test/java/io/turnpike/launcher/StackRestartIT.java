package io.turnpike.launcher;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stopped and restarted stack keeps keys, configs and logs. It needs a stack of its own, so it runs before the
 * classes on the shared stack ({@code junit-platform.properties} orders classes by {@code @Order}) and the two
 * never run side by side.
 */
@Order(1)
class StackRestartIT {
    private Stack stack;

    @AfterEach
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void restartKeepsKeysConfigsAndLogs() {
        Path home = RunningStack.newHome();
        stack = Stack.start(RunningStack.settings(home));
        AdminClient admin = new AdminClient(stack.apiUrl(), RunningStack.ADMIN_TOKEN);
        admin.created("/v1/admin/providers", "{\"id\":\"mock-1\",\"type\":\"mock\"}");
        admin.created("/v1/admin/configs", "{\"id\":\"offline\",\"config\":{\"targets\":[{\"provider\":\"@mock-1\"}]}}");
        String key = admin.created("/v1/admin/keys", "{\"name\":\"claude-desktop-support-dev\",\"config\":\"offline\","
                + "\"metadata\":{\"tenant\":\"acme\",\"team\":\"support\",\"env\":\"dev\"}}").get("key").asText();
        String user = "erin-" + UUID.randomUUID() + "@acme.com";
        assertThat(hello(key, user)).isNotBlank();
        awaitLog(admin, user);

        stack.close();
        stack = Stack.start(RunningStack.settings(home));
        admin = new AdminClient(stack.apiUrl(), RunningStack.ADMIN_TOKEN);

        assertThat(admin.get("/v1/admin/configs/offline").status()).isEqualTo(200);
        assertThat(admin.get("/v1/admin/keys").body().get("data")).hasSize(1);
        assertThat(hello(key, user + ".after")).as("the key still works").isNotBlank();
        assertThat(awaitLog(admin, user).get("team").asText()).as("logs written before the restart are still there")
                .isEqualTo("support");
        awaitLog(admin, user + ".after");
    }

    private String hello(String key, String user) {
        AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(stack.proxyUrl()).authToken(key).maxRetries(0)
                .putHeader("x-turnpike-metadata", "{\"user\":\"" + user + "\"}").build();
        return client.messages().create(MessageCreateParams.builder().model(ClientModels.SONNET).maxTokens(256)
                .addUserMessage("Say hello.").build()).content().get(0).asText().text();
    }

    private static JsonNode awaitLog(AdminClient admin, String user) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode data = admin.get("/v1/logs?tenant=acme&user=" + URLEncoder.encode(user, StandardCharsets.UTF_8))
                    .body().get("data");
            assertThat(data).hasSize(1);
            found[0] = data.get(0);
        });
        return found[0];
    }
}
