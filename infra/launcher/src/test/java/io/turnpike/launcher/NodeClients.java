package io.turnpike.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Node clients {@code bin/turnpike test} installs (TypeScript SDK, Claude Code; versions in
 * {@code src/test/node/package.json}) and a way to run them as a user would: a clean environment, a temporary
 * HOME, a timeout. Tests using them are skipped only where node or npm is missing.
 */
final class NodeClients {
    static final String CLIENTS_DIR_PROPERTY = "turnpike.clients.dir";
    static final Path SCRIPTS = Path.of("src/test/node").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int exitCode, String stdout, String stderr) {
        JsonNode json() {
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError("not JSON on stdout (exit " + exitCode + "): " + stdout + "\nstderr: " + stderr, e);
            }
        }
    }

    private final Path dir;

    private NodeClients(Path dir) {
        this.dir = dir;
    }

    /** The installed clients; skips the test where node/npm are absent, fails where they exist but were not installed. */
    static NodeClients installed() {
        assumeTrue(onPath("node") && onPath("npm"),
                "node and npm are not installed: the TypeScript SDK and Claude Code tests are skipped");
        String configured = System.getProperty(CLIENTS_DIR_PROPERTY, System.getenv("TURNPIKE_CLIENTS_DIR"));
        if (configured == null || configured.isBlank()) {
            throw new AssertionError("node and npm are installed but the test clients are not: run bin/turnpike test, or "
                    + "pass -D" + CLIENTS_DIR_PROPERTY + "=$(bin/turnpike test-clients) to Maven");
        }
        Path dir = Path.of(configured).toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("node_modules/@anthropic-ai"))) {
            throw new AssertionError(dir + " holds no installed clients: run bin/turnpike test-clients");
        }
        return new NodeClients(dir);
    }

    Path dir() {
        return dir;
    }

    Path claude() {
        return dir.resolve("node_modules/.bin/claude");
    }

    /**
     * Runs {@code command} in {@code workDir} with only PATH, a fresh HOME and {@code env}: nothing from the
     * developer's environment (an ANTHROPIC_API_KEY, a ~/.claude) leaks in. Fails when it outlives {@code timeout}.
     */
    Result run(List<String> command, Map<String, String> env, Path workDir, Duration timeout) {
        try {
            Path home = Files.createTempDirectory(Path.of("target"), "client-home-");
            Path out = Files.createTempFile(Path.of("target"), "client-", ".out");
            Path err = Files.createTempFile(Path.of("target"), "client-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().clear();
            builder.environment().put("PATH", System.getenv("PATH"));
            builder.environment().put("HOME", home.toAbsolutePath().toString());
            builder.environment().put("TURNPIKE_CLIENTS_DIR", dir.toString());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new AssertionError(command.get(0) + " did not finish within " + timeout + "; stderr: "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(File.pathSeparator)).stream()
                .anyMatch(entry -> Files.isExecutable(Path.of(entry, tool)));
    }
}
