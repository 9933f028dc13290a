package io.turnpike.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

/**
 * Runs the whole stack in the foreground until SIGTERM/SIGINT. Every option also reads an environment variable,
 * so {@code bin/turnpike up} and containers configure it the same way.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run Turnpike: proxy, query API, aggregates, stream jobs (request log, guardrail evaluations);"
                + " local Kafka and ClickHouse unless external ones are given.")
final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--home", defaultValue = "${env:TURNPIKE_HOME:-.turnpike}",
            description = "Data directory (env TURNPIKE_HOME, default ${DEFAULT-VALUE}).")
    Path home;

    @Option(names = "--proxy-host", defaultValue = "${env:TURNPIKE_PROXY_HOST:-127.0.0.1}",
            description = "Proxy listen address (env TURNPIKE_PROXY_HOST, default ${DEFAULT-VALUE}).")
    String proxyHost;

    @Option(names = "--proxy-port", defaultValue = "${env:TURNPIKE_PROXY_PORT:-8080}",
            description = "Proxy port (env TURNPIKE_PROXY_PORT, default ${DEFAULT-VALUE}).")
    int proxyPort;

    @Option(names = "--api-host", defaultValue = "${env:TURNPIKE_API_HOST:-127.0.0.1}",
            description = "Query/admin API listen address (env TURNPIKE_API_HOST, default ${DEFAULT-VALUE}).")
    String apiHost;

    @Option(names = "--api-port", defaultValue = "${env:TURNPIKE_API_PORT:-8081}",
            description = "Query/admin API port (env TURNPIKE_API_PORT, default ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(names = "--kafka-bootstrap", defaultValue = "${env:TURNPIKE_KAFKA_BOOTSTRAP}",
            description = "External Kafka bootstrap servers (env TURNPIKE_KAFKA_BOOTSTRAP); unset = embedded broker.")
    String kafkaBootstrap;

    @Option(names = "--kafka-port", defaultValue = "${env:TURNPIKE_KAFKA_PORT:-9092}",
            description = "Embedded broker port (env TURNPIKE_KAFKA_PORT, default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--kafka-controller-port", defaultValue = "${env:TURNPIKE_KAFKA_CONTROLLER_PORT:-9093}",
            description = "Embedded KRaft controller port (env TURNPIKE_KAFKA_CONTROLLER_PORT, default ${DEFAULT-VALUE}).")
    int kafkaControllerPort;

    @Option(names = "--clickhouse-url", defaultValue = "${env:TURNPIKE_CLICKHOUSE_URL}",
            description = "External ClickHouse HTTP URL (env TURNPIKE_CLICKHOUSE_URL); unset = local server.")
    String clickHouseUrl;

    @Option(names = "--clickhouse-http-port", defaultValue = "${env:TURNPIKE_CLICKHOUSE_HTTP_PORT:-8123}",
            description = "Local ClickHouse HTTP port (env TURNPIKE_CLICKHOUSE_HTTP_PORT, default ${DEFAULT-VALUE}).")
    int clickHouseHttpPort;

    @Option(names = "--clickhouse-tcp-port", defaultValue = "${env:TURNPIKE_CLICKHOUSE_TCP_PORT:-9000}",
            description = "Local ClickHouse native port (env TURNPIKE_CLICKHOUSE_TCP_PORT, default ${DEFAULT-VALUE}).")
    int clickHouseTcpPort;

    @Option(names = "--clickhouse-database", defaultValue = "${env:TURNPIKE_CLICKHOUSE_DATABASE:-turnpike}",
            description = "ClickHouse database (env TURNPIKE_CLICKHOUSE_DATABASE, default ${DEFAULT-VALUE}).")
    String clickHouseDatabase;

    @Option(names = "--clickhouse-user", defaultValue = "${env:TURNPIKE_CLICKHOUSE_USER:-default}",
            description = "ClickHouse user (env TURNPIKE_CLICKHOUSE_USER, default ${DEFAULT-VALUE}).")
    String clickHouseUser;

    @Option(names = "--eventstore-url", defaultValue = "${env:TURNPIKE_EVENTSTORE_URL}",
            description = "JDBC URL of a PostgreSQL event store (env TURNPIKE_EVENTSTORE_URL); unset = embedded H2"
                    + " under the home directory.")
    String eventStoreUrl;

    @Option(names = "--eventstore-user", defaultValue = "${env:TURNPIKE_EVENTSTORE_USER:-postgres}",
            description = "Event store user (env TURNPIKE_EVENTSTORE_USER, default ${DEFAULT-VALUE}).")
    String eventStoreUser;

    @Option(names = "--replica-poll-interval", defaultValue = "${env:TURNPIKE_REPLICA_POLL_INTERVAL:-PT1S}",
            description = "How often the aggregates read a PostgreSQL event store for admin changes other replicas"
                    + " made, ISO-8601; PT0S = never (a single instance); ignored for the embedded store"
                    + " (env TURNPIKE_REPLICA_POLL_INTERVAL, default ${DEFAULT-VALUE}).")
    Duration replicaPollInterval;

    /** Where the Flink jobs (request log, guardrail evaluations) run. */
    enum StreamJobsMode { IN_PROCESS, OFF }

    @Option(names = "--stream-jobs", defaultValue = "${env:TURNPIKE_STREAM_JOBS:-in-process}",
            converter = StreamJobsModeConverter.class,
            description = "in-process: run the Flink jobs on a MiniCluster in this process; off: they run on a Flink"
                    + " cluster from the job jar (stream-jobs/README.md) (env TURNPIKE_STREAM_JOBS, default"
                    + " ${DEFAULT-VALUE}).")
    StreamJobsMode streamJobs;

    /** {@code in-process} / {@code off}, as users write them. */
    static final class StreamJobsModeConverter implements ITypeConverter<StreamJobsMode> {
        @Override
        public StreamJobsMode convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "in-process" -> StreamJobsMode.IN_PROCESS;
                case "off" -> StreamJobsMode.OFF;
                default -> throw new TypeConversionException(
                        "expected in-process or off, was '" + value + "'");
            };
        }
    }

    @Option(names = "--max-request-bytes", defaultValue = "${env:TURNPIKE_MAX_REQUEST_BYTES:-33554432}",
            description = "Largest request body the proxy accepts, in bytes; larger gets 413 request_too_large"
                    + " (env TURNPIKE_MAX_REQUEST_BYTES, default ${DEFAULT-VALUE}).")
    long maxRequestBytes;

    @Option(names = "--upstream-connect-timeout", defaultValue = "${env:TURNPIKE_UPSTREAM_CONNECT_TIMEOUT:-PT10S}",
            description = "Connect timeout to providers, ISO-8601 (env TURNPIKE_UPSTREAM_CONNECT_TIMEOUT, default"
                    + " ${DEFAULT-VALUE}).")
    Duration upstreamConnectTimeout;

    @Option(names = "--upstream-read-timeout", defaultValue = "${env:TURNPIKE_UPSTREAM_READ_TIMEOUT:-PT10M}",
            description = "Longest wait for a provider's response headers and longest silence inside a streamed"
                    + " body, ISO-8601; then 504 timeout_error (env TURNPIKE_UPSTREAM_READ_TIMEOUT, default"
                    + " ${DEFAULT-VALUE}).")
    Duration upstreamReadTimeout;

    @Option(names = "--pricing-file", defaultValue = "${env:TURNPIKE_PRICING_FILE}",
            description = "Price table JSON replacing the shipped one (env TURNPIKE_PRICING_FILE); a table"
                    + " published with PUT /v1/admin/pricing overrides both.")
    Path pricingFile;

    @Option(names = "--budget-refusal-status", defaultValue = "${env:TURNPIKE_BUDGET_REFUSAL_STATUS:-412}",
            description = "Status of a request a budget refuses, 412 or 402, always billing_error"
                    + " (env TURNPIKE_BUDGET_REFUSAL_STATUS, default ${DEFAULT-VALUE}).")
    int budgetRefusalStatus;

    @Override
    public Integer call() throws Exception {
        if (replicaPollInterval.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--replica-poll-interval (TURNPIKE_REPLICA_POLL_INTERVAL)"
                    + " must be PT0S (off) or positive, was " + replicaPollInterval);
        }
        // Passwords and tokens only from the environment: flags leak into `ps`.
        StackSettings settings = new StackSettings(home.toAbsolutePath(), proxyHost, proxyPort, apiHost, apiPort,
                blankToNull(kafkaBootstrap), kafkaPort, kafkaControllerPort,
                blankToNull(clickHouseUrl), clickHouseHttpPort, clickHouseTcpPort,
                clickHouseDatabase, clickHouseUser, envOr("TURNPIKE_CLICKHOUSE_PASSWORD", ""),
                blankToNull(eventStoreUrl), eventStoreUser, envOr("TURNPIKE_EVENTSTORE_PASSWORD", ""),
                System.getenv("TURNPIKE_ADMIN_TOKEN"),
                new StackSettings.ProxyOptions(maxRequestBytes, upstreamConnectTimeout, upstreamReadTimeout,
                        pricingFile, budgetRefusalStatus),
                replicaPollInterval, streamJobs == StreamJobsMode.IN_PROCESS);
        Files.createDirectories(settings.home());
        Stack stack = Stack.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "turnpike-shutdown"));
        writeRunFiles(settings.home(), stack);
        printBanner(stack);
        stopped.await();
        return 0;
    }

    private static void writeRunFiles(Path home, Stack stack) throws IOException {
        Path run = Files.createDirectories(home.resolve("run"));
        if (stack.clickHousePid() != null) {
            Files.writeString(run.resolve("clickhouse.pid"), stack.clickHousePid() + "\n");
        }
        Files.writeString(run.resolve("urls.env"), "TURNPIKE_PROXY_URL=" + stack.proxyUrl() + "\n"
                + "TURNPIKE_API_URL=" + stack.apiUrl() + "\n");
    }

    private static void printBanner(Stack stack) {
        AdminTokenStore.AdminToken token = stack.adminToken();
        StringBuilder out = new StringBuilder()
                .append("Turnpike is up.\n")
                .append("  proxy      ").append(stack.proxyUrl()).append("   (point Claude clients here)\n")
                .append("  query API  ").append(stack.apiUrl()).append("   (admin, logs)\n")
                .append("  kafka      ").append(stack.kafkaBootstrap()).append('\n')
                .append("  clickhouse ").append(stack.clickHouseUrl()).append('\n');
        if (token.generated()) {
            out.append("  admin token ").append(token.value()).append("   (generated now; stored in ")
                    .append(token.file()).append(")\n");
        } else if (token.file() != null) {
            out.append("  admin token stored in ").append(token.file()).append('\n');
        } else {
            out.append("  admin token from TURNPIKE_ADMIN_TOKEN\n");
        }
        System.out.print(out);
        System.out.flush();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
