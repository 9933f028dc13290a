package io.turnpike.launcher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the README's example scripts against a real stack, so the documented commands keep working. */
@ExtendWith(SharedStack.class)
class ExamplesIT {
    private static final Path EXAMPLES = Path.of("../../examples");
    private static RunningStack stack;

    @BeforeAll
    static void connect(RunningStack running) {
        stack = running;
    }

    @Test
    void theWalkThroughRunsAsWrittenAndEndsWithARefusedRevokedKey() throws IOException, InterruptedException {
        String log = run("walkthrough.sh");

        assertThat(log).contains("\"user\":\"a-example@acme.com\"", "\"team\":\"eng\"", "after revocation: HTTP 401");
    }

    @Test
    void theGuardrailsExampleDeniesRedactsAndFindsItsVerdicts() throws IOException, InterruptedException {
        String log = run("guardrails.sh");

        assertThat(log).contains("HTTP 446", "request refused by input guardrail 'no-secrets-example'",
                "[REDACTED:EMAIL]", "\"guardrail_id\":\"no-secrets-example\"", "\"denials\":1");
        assertThat(log).doesNotContain("jane.doe@example.org\"}]", "HTTP 5");
    }

    /** Runs {@code examples/<script>} against the shared stack; fails with its output unless it exits 0. */
    private static String run(String script) throws IOException, InterruptedException {
        Path output = Files.createTempFile(Path.of("target"), script + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", EXAMPLES.resolve(script).toAbsolutePath().normalize()
                .toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("TURNPIKE_API_URL", stack.apiUrl());
        builder.environment().put("TURNPIKE_PROXY_URL", stack.proxyUrl());
        builder.environment().put("TOKEN", RunningStack.ADMIN_TOKEN);
        builder.environment().put("ID_SUFFIX", "-example");
        Process process = builder.start();

        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        String log = Files.readString(output, StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as(log).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        return log;
    }
}
