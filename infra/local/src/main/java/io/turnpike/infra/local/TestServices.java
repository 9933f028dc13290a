package io.turnpike.infra.local;

import java.nio.file.Path;

/**
 * JVM-wide Kafka and ClickHouse for tests: started lazily once, under {@code target/test-services}, stopped
 * when the JVM exits. {@code TURNPIKE_TEST_KAFKA_BOOTSTRAP} / {@code TURNPIKE_TEST_CLICKHOUSE_URL} point tests
 * at servers started elsewhere instead. Tests isolate themselves with unique topic and database names.
 */
public final class TestServices {
    private static final Path ROOT = Path.of("target", "test-services", Long.toString(ProcessHandle.current().pid()));
    private static LocalKafkaBroker kafka;
    private static LocalClickHouse clickHouse;

    private TestServices() {
    }

    public static synchronized String kafkaBootstrap() {
        String external = System.getenv("TURNPIKE_TEST_KAFKA_BOOTSTRAP");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (kafka == null) {
            kafka = LocalKafkaBroker.start(ROOT.resolve("kafka"), 0);
            LocalKafkaBroker started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-kafka-stop"));
        }
        return kafka.bootstrapServers();
    }

    public static synchronized String clickHouseUrl() {
        String external = System.getenv("TURNPIKE_TEST_CLICKHOUSE_URL");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (clickHouse == null) {
            clickHouse = LocalClickHouse.start(ROOT.resolve("clickhouse"), 0, 0);
            LocalClickHouse started = clickHouse;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-clickhouse-stop"));
        }
        return clickHouse.httpUrl();
    }
}
