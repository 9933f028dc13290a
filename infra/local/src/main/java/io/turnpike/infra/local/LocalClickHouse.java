package io.turnpike.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real ClickHouse server (Debian's {@code clickhouse-server}) run as a child process with its config, data and
 * logs under {@code dataDir}, listening on loopback only, default user without password, server time zone UTC.
 */
public final class LocalClickHouse implements AutoCloseable {
    public static final Path DEFAULT_BINARY = Path.of("/usr/sbin/clickhouse-server");

    private final Process process;
    private final int httpPort;
    private final int tcpPort;

    private LocalClickHouse(Process process, int httpPort, int tcpPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
    }

    /** Starts the server; a port of 0 picks a free one. */
    public static LocalClickHouse start(Path dataDir, int httpPort, int tcpPort) {
        Path binary = binary();
        Path dir = dataDir.toAbsolutePath();
        int http = FreePorts.orPick(httpPort);
        int tcp = FreePorts.orPick(tcpPort);
        try {
            for (String sub : List.of("data", "tmp", "user_files", "format_schemas", "log")) {
                Files.createDirectories(dir.resolve(sub));
            }
            Path config = dir.resolve("config.xml");
            Files.writeString(config, ClickHouseConfig.server(dir, http, tcp));
            Files.writeString(dir.resolve("users.xml"), ClickHouseConfig.users());
            Process process = new ProcessBuilder(binary.toString(), "--config-file=" + config)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("log").resolve("stdout.log").toFile())
                    .start();
            Files.writeString(dir.resolve("clickhouse.pid"), Long.toString(process.pid()));
            LocalClickHouse server = new LocalClickHouse(process, http, tcp);
            server.awaitReady(Duration.ofSeconds(60), dir);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ClickHouse under " + dir, e);
        }
    }

    /** The server binary, or a clear explanation of how to install it. */
    public static Path binary() {
        String override = System.getenv("TURNPIKE_CLICKHOUSE_BINARY");
        Path binary = override == null || override.isBlank() ? DEFAULT_BINARY : Path.of(override);
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("ClickHouse server not found at " + binary
                    + ": install it with `apt-get install -y clickhouse-server` (bin/turnpike up and"
                    + " bin/turnpike test do this for you) or set TURNPIKE_CLICKHOUSE_BINARY");
        }
        return binary;
    }

    private void awaitReady(Duration timeout, Path dir) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ClickHouse exited with " + process.exitValue() + "; see "
                        + dir.resolve("log"));
            }
            if (ping(client, httpUrl())) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for ClickHouse", e);
            }
        }
        close();
        throw new IllegalStateException("ClickHouse did not answer /ping within " + timeout + "; see " + dir.resolve("log"));
    }

    /** True when a ClickHouse server answers {@code /ping} at {@code httpUrl}. */
    public static boolean ping(HttpClient client, String httpUrl) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(httpUrl + "/ping"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public int tcpPort() {
        return tcpPort;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
