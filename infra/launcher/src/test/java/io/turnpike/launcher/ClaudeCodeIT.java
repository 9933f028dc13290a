package io.turnpike.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Claude Code CLI ({@code claude -p}) pointed at the gateway the documented way — {@code ANTHROPIC_BASE_URL},
 * {@code ANTHROPIC_AUTH_TOKEN}, the metadata header in {@code ANTHROPIC_CUSTOM_HEADERS}, non-essential traffic
 * off — through each provider backend with a fake upstream. Claude Code streams, sends its system prompt and
 * tools and a session id header; the gateway must relay all of it and attribute the requests.
 */
@ExtendWith(SharedStack.class)
class ClaudeCodeIT {
    private static final String USER = "cc@acme.com";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static RunningStack stack;
    private static NodeClients clients;

    @BeforeAll
    static void connect(RunningStack running) {
        clients = NodeClients.installed();
        stack = running;
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = "MOCK", mode = EnumSource.Mode.EXCLUDE)
    void printModeAnswersWithTheProvidersTextAndIsRecordedUnderItsSession(Backend backend) throws IOException {
        BackendRoute route = stack.route(backend);
        Path project = Files.createTempDirectory(Path.of("target"), "claude-project-").toAbsolutePath();

        NodeClients.Result result = clients.run(
                List.of(clients.claude().toString(), "-p", "Say hello.", "--output-format", "json",
                        "--model", ClientModels.SONNET),
                Map.of("ANTHROPIC_BASE_URL", stack.proxyUrl(),
                        "ANTHROPIC_AUTH_TOKEN", route.key(),
                        "ANTHROPIC_CUSTOM_HEADERS", "x-turnpike-metadata: {\"user\":\"" + USER + "\"}",
                        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1"),
                project, TIMEOUT);

        assertThat(result.exitCode()).as("claude exit code; stdout %s; stderr %s", result.stdout(), result.stderr())
                .isZero();
        JsonNode printed = result.json();
        assertThat(printed.get("is_error").asBoolean()).as(printed.toString()).isFalse();
        assertThat(printed.get("result").asText()).isEqualTo(route.fixedReplies().text());
        String sessionId = printed.get("session_id").asText();
        assertThat(sessionId).isNotBlank();

        List<JsonNode> logs = stack.awaitLogs(route.team(), USER, 1,
                entry -> sessionId.equals(entry.path("session_id").asText()));
        JsonNode log = logs.get(0);
        RecordedRequests.assertAttributed(log, route, USER, true);
        assertThat(log.get("user_agent").asText()).startsWith("claude-cli/");
        Usage reported = Usage.from(printed.get("usage"));
        RecordedRequests.assertTokensAndCost(log, reported, route.fixedReplies().stream());
    }
}
