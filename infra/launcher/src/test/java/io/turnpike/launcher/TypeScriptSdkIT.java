package io.turnpike.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official TypeScript SDK ({@code @anthropic-ai/sdk}, run by {@code src/test/node/ts-sdk.mjs}) against the
 * gateway through every provider backend: what the SDK returned, and what {@code /v1/logs} recorded.
 */
@ExtendWith(SharedStack.class)
class TypeScriptSdkIT {
    private static final String PROMPT = "Say hello.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static RunningStack stack;
    private static NodeClients clients;

    @BeforeAll
    static void connect(RunningStack running) {
        clients = NodeClients.installed();
        stack = running;
    }

    private static JsonNode sdk(String operation, BackendRoute route, String user) {
        NodeClients.Result result = clients.run(
                List.of("node", NodeClients.SCRIPTS.resolve("ts-sdk.mjs").toString(), operation),
                Map.of("TURNPIKE_PROXY_URL", stack.proxyUrl(),
                        "TURNPIKE_KEY", route.key(),
                        "TURNPIKE_METADATA", "{\"user\":\"" + user + "\"}",
                        "TURNPIKE_MODEL", ClientModels.SONNET,
                        "TURNPIKE_PROMPT", PROMPT),
                Path.of("target").toAbsolutePath(), TIMEOUT);
        JsonNode answer = result.json();
        assertThat(answer.path("ok").asBoolean()).as("%s: %s\nstderr: %s", operation, answer, result.stderr()).isTrue();
        return answer;
    }

    private static String newUser(String who) {
        return who + "-" + UUID.randomUUID() + "@acme.com";
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void messagesCreateIsAnsweredAndRecorded(Backend backend) {
        BackendRoute route = stack.route(backend);
        String user = newUser("ts-create");

        JsonNode answer = sdk("create", route, user);

        assertReplyText(route, answer.get("text").asText());
        assertThat(answer.get("stop_reason").asText()).isEqualTo("end_turn");
        JsonNode log = stack.awaitLog(route.team(), user);
        RecordedRequests.assertAttributed(log, route, user, false);
        RecordedRequests.assertTokensAndCost(log, Usage.from(answer.get("usage")),
                route.fixedReplies() == null ? null : route.fixedReplies().message());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void messagesStreamDeliversTheTextAndIsRecorded(Backend backend) {
        BackendRoute route = stack.route(backend);
        String user = newUser("ts-stream");

        JsonNode answer = sdk("stream", route, user);

        assertReplyText(route, answer.get("text").asText());
        assertThat(answer.get("final_text").asText()).isEqualTo(answer.get("text").asText());
        JsonNode log = stack.awaitLog(route.team(), user);
        RecordedRequests.assertAttributed(log, route, user, true);
        RecordedRequests.assertTokensAndCost(log, Usage.from(answer.get("usage")),
                route.fixedReplies() == null ? null : route.fixedReplies().stream());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aForcedToolComesBackAsAToolUseBlockAndIsRecorded(Backend backend) {
        BackendRoute route = stack.route(backend);
        String user = newUser("ts-tool");

        JsonNode answer = sdk("tool", route, user);

        assertForcedToolCall(route, answer);
        JsonNode log = stack.awaitLog(route.team(), user);
        RecordedRequests.assertAttributed(log, route, user, false);
        RecordedRequests.assertTokensAndCost(log, Usage.from(answer.get("usage")),
                route.fixedReplies() == null ? null : route.fixedReplies().toolUse());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStreamedForcedToolRebuildsTheInputFromInputJsonDeltasAndIsRecorded(Backend backend) {
        BackendRoute route = stack.route(backend);
        String user = newUser("ts-tool-stream");

        JsonNode answer = sdk("tool-stream", route, user);

        assertForcedToolCall(route, answer);
        assertThat(answer.get("streamed_input")).as("the input_json_delta pieces, joined")
                .isEqualTo(answer.at("/tool_uses/0/input"));
        JsonNode log = stack.awaitLog(route.team(), user);
        RecordedRequests.assertAttributed(log, route, user, true);
        RecordedRequests.assertTokensAndCost(log, Usage.from(answer.get("usage")),
                route.fixedReplies() == null ? null : route.fixedReplies().toolUse());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void countTokensAnswersTheProvidersCount(Backend backend) {
        BackendRoute route = stack.route(backend);

        long counted = sdk("count-tokens", route, newUser("ts-count")).get("input_tokens").asLong();

        if (route.fixedReplies() != null) {
            assertThat(counted).isEqualTo(route.fixedReplies().countTokens());
        } else {
            assertThat(counted).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void modelsListShowsTheModelTheKeyMayUse(Backend backend) {
        BackendRoute route = stack.route(backend);

        JsonNode models = sdk("models", route, newUser("ts-models")).get("models");

        assertThat(models.findValuesAsText("id")).contains(ClientModels.SONNET);
        assertThat(models.findValuesAsText("type")).containsOnly("model");
    }

    /** One {@code tool_use} block calling {@code get_weather} with the backend's argument for {@code city}. */
    private static void assertForcedToolCall(BackendRoute route, JsonNode answer) {
        String city = route.fixedReplies() != null ? route.fixedReplies().toolArgument()
                : MockBackend.TOOL_STRING_ARGUMENT;
        assertThat(answer.get("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(answer.get("blocks").asInt()).isEqualTo(1);
        assertThat(answer.at("/tool_uses/0/id").asText()).startsWith("toolu_");
        assertThat(answer.at("/tool_uses/0/name").asText()).isEqualTo("get_weather");
        assertThat(answer.at("/tool_uses/0/input")).isEqualTo(JSON.createObjectNode().put("city", city));
    }

    private static void assertReplyText(BackendRoute route, String text) {
        if (route.fixedReplies() != null) {
            assertThat(text).isEqualTo(route.fixedReplies().text());
        } else {
            assertThat(text).contains(PROMPT);
        }
    }
}
