package io.turnpike.streamjobs;

import io.turnpike.events.EventJson;
import io.turnpike.events.guardrails.GuardrailEvaluated;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.events.request.TokenUsage;
import io.turnpike.infra.local.LocalKafkaBroker;
import io.turnpike.infra.local.TestServices;
import io.turnpike.streamjobs.clickhouse.ClickHouseClient;
import io.turnpike.streamjobs.clickhouse.ClickHouseConnection;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster jar, as {@code mvn package} built it, runs the combined job with nothing beside it but what a Flink
 * cluster provides: a child JVM whose class path is exactly the job jar and {@link FlinkClusterClasspath}, with
 * Flink's local environment (what {@code getExecutionEnvironment()} gives outside a cluster), real Kafka and
 * ClickHouse. Our own classes and the rest of the test class path are not on it.
 */
class StreamJobsJarIT {
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00.250Z");

    private final String suffix = UUID.randomUUID().toString().replace("-", "");
    private final Path jobJar = Path.of(Objects.requireNonNull(System.getProperty("turnpike.streamJobsJar"),
            "system property turnpike.streamJobsJar (set by the failsafe configuration in stream-jobs/pom.xml)"));
    private final Path childLog = Path.of("target", "stream-jobs-jar-it-" + suffix + ".log");
    private Process child;
    private ClickHouseClient clickHouse;

    @AfterEach
    void tearDown() throws Exception {
        if (child != null) {
            child.destroy();
            if (!child.waitFor(15, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (clickHouse != null) {
            clickHouse.execute("DROP DATABASE IF EXISTS " + clickHouse.connection().database());
            clickHouse.close();
        }
    }

    @Test
    void carriesOurCodeTheKafkaConnectorAndTheClickHouseClientButNotFlinksRuntime() throws IOException {
        try (JarFile jar = new JarFile(jobJar.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(StreamJobs.class.getName());
            List<String> entries = jar.stream().map(entry -> entry.getName()).toList();
            assertThat(entries).contains(
                    "io/turnpike/streamjobs/StreamJobs.class",
                    "io/turnpike/streamjobs/requestlog/RequestLogJob.class",
                    "io/turnpike/events/EventJson.class",
                    "org/apache/flink/connector/kafka/source/KafkaSource.class",
                    "org/apache/kafka/clients/consumer/KafkaConsumer.class",
                    "com/clickhouse/client/api/Client.class",
                    "io/turnpike/streamjobs/shaded/com/fasterxml/jackson/databind/ObjectMapper.class",
                    "clickhouse/migrations/INDEX");
            assertThat(entries).noneMatch(name -> name.startsWith("org/apache/flink/runtime/")
                    || name.startsWith("org/apache/flink/streaming/api/")
                    || name.startsWith("org/apache/flink/api/")
                    || name.startsWith("org/apache/flink/client/")
                    || name.startsWith("com/esotericsoftware/")
                    || name.startsWith("org/slf4j/"));
            assertThat(entries).as("Jackson and Guava are relocated")
                    .noneMatch(name -> name.matches("(META-INF/versions/\\d+/)?com/(fasterxml|google/common)/.*"));
        }
    }

    @Test
    void runsBothPipelinesWithOnlyFlinksRuntimeBesideIt() throws Exception {
        String bootstrap = TestServices.kafkaBootstrap();
        String requestsTopic = "it-jar-requests-" + suffix;
        String guardrailsTopic = "it-jar-guardrails-" + suffix;
        LocalKafkaBroker.createTopic(bootstrap, requestsTopic, 2);
        LocalKafkaBroker.createTopic(bootstrap, guardrailsTopic, 2);
        String database = "it_jar_" + suffix;
        clickHouse = new ClickHouseClient(ClickHouseConnection.of(TestServices.clickHouseUrl(), database));

        child = startJobJar("--kafka-bootstrap", bootstrap, "--clickhouse-url", TestServices.clickHouseUrl(),
                "--clickhouse-database", database,
                "--request-log-topic", requestsTopic, "--request-log-group-id", "it-jar-requests-" + suffix,
                "--guardrails-topic", guardrailsTopic, "--guardrails-group-id", "it-jar-guardrails-" + suffix,
                "--checkpoint-interval-ms", "500", "--parallelism", "2");

        List<RequestCompleted> requests = new ArrayList<>();
        List<GuardrailEvaluated> evaluations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(request("req_" + i, i % 2 == 0 ? "acme" : "globex", 1_000L * (i + 1)));
            evaluations.add(evaluation("req_" + i, i % 2 == 0 ? "acme" : "globex"));
        }
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (int i = 0; i < requests.size(); i++) {
                send(producer, requestsTopic, requests.get(i).requestId(), EventJson.toBytes(requests.get(i)));
                send(producer, guardrailsTopic, evaluations.get(i).requestId(),
                        EventJson.toBytes(evaluations.get(i)));
            }
        }

        awaitRows("request_log", requests.size());
        awaitRows("guardrail_evaluations", evaluations.size());
        assertThat(clickHouse.queryJsonEachRow("SELECT request_id, tenant, cost_nano_usd FROM request_log FINAL"
                + " ORDER BY request_id FORMAT JSONEachRow"))
                .extracting(r -> r.get("request_id").asText() + ":" + r.get("tenant").asText() + ":"
                        + r.get("cost_nano_usd").asLong())
                .containsExactly("req_0:acme:1000", "req_1:globex:2000", "req_2:acme:3000");
        assertThat(clickHouse.queryJsonEachRow("SELECT request_id, guardrail_id, verdict, action_taken"
                + " FROM guardrail_evaluations FINAL ORDER BY request_id FORMAT JSONEachRow"))
                .extracting(r -> r.get("request_id").asText() + ":" + r.get("guardrail_id").asText() + ":"
                        + r.get("verdict").asText() + ":" + r.get("action_taken").asText())
                .containsExactly("req_0:no-pii:FAIL:deny", "req_1:no-pii:FAIL:deny", "req_2:no-pii:FAIL:deny");
        assertThat(child.isAlive()).as("the job keeps running; its log:%n%s", childLogTail()).isTrue();
    }

    private Process startJobJar(String... jobArgs) throws IOException {
        List<String> classPath = new ArrayList<>();
        classPath.add(jobJar.toString());
        FlinkClusterClasspath.from(System.getProperty("java.class.path")).forEach(p -> classPath.add(p.toString()));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.addAll(Arrays.asList(Objects.requireNonNull(System.getProperty("turnpike.jvmOpens"),
                "system property turnpike.jvmOpens").trim().split("\\s+")));
        command.add("-Dlogback.configurationFile=" + testResource("logback-test.xml"));
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        try (JarFile jar = new JarFile(jobJar.toFile())) {
            command.add(jar.getManifest().getMainAttributes().getValue("Main-Class"));
        }
        command.addAll(List.of(jobArgs));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(childLog.toFile())
                .start();
    }

    private static Path testResource(String name) {
        try {
            return Path.of(Objects.requireNonNull(StreamJobsJarIT.class.getResource("/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitRows(String table, long expected) {
        try {
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions() // the table exists once the child has migrated ClickHouse
                    .failFast("the job jar's JVM exited", () -> !child.isAlive())
                    .untilAsserted(() -> assertThat(clickHouse.queryJsonEachRow(
                            "SELECT count() AS c FROM " + table + " FINAL FORMAT JSONEachRow"))
                            .singleElement()
                            .satisfies(row -> assertThat(row.get("c").asLong()).isEqualTo(expected)));
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError(expected + " rows in " + table + " expected; the job's log:\n"
                    + childLogTail(), e);
        }
    }

    private String childLogTail() {
        try {
            List<String> lines = Files.readAllLines(childLog, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - 60), lines.size()).stream()
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static RequestCompleted request(String requestId, String tenant, long costNanoUsd) {
        return new RequestCompleted(RequestCompleted.SCHEMA_VERSION, requestId, "trace-" + requestId,
                AT, AT.plusMillis(1333), "key_1", tenant, "eng", "a@" + tenant + ".com", "prod", Map.of("env", "prod"),
                "desktop-eng-prod", "anthropic-main", "anthropic", "claude-sonnet-4-5", "claude-sonnet-4-5-20250929",
                "/v1/messages", false, 200, null, new TokenUsage(100, 350, 0, 0, 0), costNanoUsd, "2026-11-01",
                1333L, null, null, "claude-cli/2.0");
    }

    private static GuardrailEvaluated evaluation(String requestId, String tenant) {
        return new GuardrailEvaluated(GuardrailEvaluated.SCHEMA_VERSION, AT, requestId, "trace-" + requestId,
                "key_1", tenant, "eng", "a@" + tenant + ".com", "prod", "no-pii", 3, "pii", "FAIL", "deny", "email",
                1, 140, GuardrailEvaluated.INPUT, 0);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
                .get(30, TimeUnit.SECONDS);
    }
}
