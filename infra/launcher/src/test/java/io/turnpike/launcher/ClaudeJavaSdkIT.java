package io.turnpike.launcher;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceTool;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.models.ModelInfo;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Anthropic Java SDK against the gateway, through every provider backend: what the SDK parses, and
 * what {@code /v1/logs} records for it (attribution, tokens, cost).
 */
@ExtendWith(SharedStack.class)
class ClaudeJavaSdkIT {
    private static final String PROMPT = "Say hello.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningStack stack;

    @BeforeAll
    static void connect(RunningStack running) {
        stack = running;
    }

    private static AnthropicClient sdk(BackendRoute route, String user) {
        return AnthropicOkHttpClient.builder()
                .baseUrl(stack.proxyUrl())
                .authToken(route.key())
                .maxRetries(0)
                .putHeader("x-turnpike-metadata", "{\"user\":\"" + user + "\",\"team\":\"spoofed\"}")
                .build();
    }

    private static String newUser(String who) {
        return who + "-" + UUID.randomUUID() + "@acme.com";
    }

    private static Usage usage(com.anthropic.models.messages.Usage usage) {
        return new Usage(usage.inputTokens(), usage.outputTokens(), usage.cacheReadInputTokens().orElse(0L),
                usage.cacheCreationInputTokens().orElse(0L));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void nonStreamingMessageIsParsedAndRecordedWithExactTokensAndCost(Backend backend) {
        BackendRoute route = stack.route(backend);
        String user = newUser("java-create");

        Message message = sdk(route, user).messages().create(MessageCreateParams.builder()
                .model(ClientModels.SONNET).maxTokens(256).addUserMessage(PROMPT).build());

        String text = message.content().get(0).asText().text();
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        ProviderBackend.FixedReplies fake = route.fixedReplies();
        if (fake != null) {
            assertThat(text).isEqualTo(fake.text());
        } else {
            assertThat(text).contains(PROMPT);
        }
        JsonNode log = stack.awaitLog(route.team(), user);
        RecordedRequests.assertAttributed(log, route, user, false);
        RecordedRequests.assertTokensAndCost(log, usage(message.usage()), fake == null ? null : fake.message());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void streamedMessageIsAccumulatedAndRecordedWithExactTokensAndCost(Backend backend) {
        BackendRoute route = stack.route(backend);
        String user = newUser("java-stream");

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> events = sdk(route, user).messages().createStreaming(
                MessageCreateParams.builder().model(ClientModels.SONNET).maxTokens(256).addUserMessage(PROMPT).build())) {
            events.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();

        ProviderBackend.FixedReplies fake = route.fixedReplies();
        String text = message.content().get(0).asText().text();
        if (fake != null) {
            assertThat(text).isEqualTo(fake.text());
        } else {
            assertThat(text).contains(PROMPT);
        }
        JsonNode log = stack.awaitLog(route.team(), user);
        RecordedRequests.assertAttributed(log, route, user, true);
        RecordedRequests.assertTokensAndCost(log, usage(message.usage()), fake == null ? null : fake.stream());
    }

    private static final Tool WEATHER = Tool.builder()
            .name("get_weather")
            .description("Current weather in a city")
            .inputSchema(Tool.InputSchema.builder()
                    .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                    .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                    .build())
            .build();

    private static MessageCreateParams forcedWeatherTool() {
        return MessageCreateParams.builder()
                .model(ClientModels.SONNET).maxTokens(256).addUserMessage("What is the weather in Paris?")
                .addTool(WEATHER)
                .toolChoice(ToolChoiceTool.builder().name("get_weather").build())
                .build();
    }

    /** The city the backend puts into the forced tool's one required string property. */
    private static String expectedCity(BackendRoute route) {
        return route.fixedReplies() != null ? route.fixedReplies().toolArgument() : MockBackend.TOOL_STRING_ARGUMENT;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void forcedToolCallComesBackAsAParsedToolUseBlock(Backend backend) {
        BackendRoute route = stack.route(backend);
        ProviderBackend.FixedReplies fake = route.fixedReplies();
        String user = newUser("java-tool");

        Message message = sdk(route, user).messages().create(forcedWeatherTool());

        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(message.content()).hasSize(1);
        ToolUseBlock toolUse = message.content().get(0).asToolUse();
        assertThat(toolUse.id()).startsWith("toolu_");
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(toolUse._input().convert(new TypeReference<Map<String, String>>() { }))
                .isEqualTo(Map.of("city", expectedCity(route)));
        JsonNode log = stack.awaitLog(route.team(), user);
        RecordedRequests.assertAttributed(log, route, user, false);
        RecordedRequests.assertTokensAndCost(log, usage(message.usage()), fake == null ? null : fake.toolUse());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void streamedForcedToolCallRebuildsTheInputFromInputJsonDeltas(Backend backend) throws Exception {
        BackendRoute route = stack.route(backend);
        ProviderBackend.FixedReplies fake = route.fixedReplies();
        String user = newUser("java-tool-stream");

        StringBuilder partialJson = new StringBuilder();
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> events =
                     sdk(route, user).messages().createStreaming(forcedWeatherTool())) {
            events.stream().forEach(event -> {
                accumulator.accumulate(event);
                event.contentBlockDelta().flatMap(delta -> delta.delta().inputJson())
                        .ifPresent(delta -> partialJson.append(delta.partialJson()));
            });
        }
        Message message = accumulator.message();

        Map<String, String> expectedInput = Map.of("city", expectedCity(route));
        assertThat(JSON.readValue(partialJson.toString(), new TypeReference<Map<String, String>>() { }))
                .as("the input_json_delta pieces, joined").isEqualTo(expectedInput);
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        ToolUseBlock toolUse = message.content().get(0).asToolUse();
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(toolUse._input().convert(new TypeReference<Map<String, String>>() { }))
                .as("the SDK's accumulated input").isEqualTo(expectedInput);
        JsonNode log = stack.awaitLog(route.team(), user);
        RecordedRequests.assertAttributed(log, route, user, true);
        RecordedRequests.assertTokensAndCost(log, usage(message.usage()), fake == null ? null : fake.toolUse());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void countTokensAnswersTheProvidersCount(Backend backend) {
        BackendRoute route = stack.route(backend);
        long counted = sdk(route, newUser("java-count")).messages().countTokens(MessageCountTokensParams.builder()
                .model(ClientModels.SONNET).addUserMessage(PROMPT).build()).inputTokens();

        ProviderBackend.FixedReplies fake = route.fixedReplies();
        if (fake != null) {
            assertThat(counted).as("forwarded to the provider, not estimated").isEqualTo(fake.countTokens());
        } else {
            assertThat(counted).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void modelsListShowsTheModelTheKeyMayUse(Backend backend) {
        BackendRoute route = stack.route(backend);
        List<ModelInfo> models = sdk(route, newUser("java-models")).models().list().data();

        assertThat(models).extracting(ModelInfo::id).contains(ClientModels.SONNET);
        assertThat(models).allSatisfy(model -> {
            assertThat(model.displayName()).isNotBlank();
            assertThat(model.id()).startsWith("claude-");
        });
    }
}
