package io.turnpike.streamjobs.requestlog;

import io.turnpike.events.Topics;
import io.turnpike.streamjobs.clickhouse.ClickHouseBatchSink;
import io.turnpike.streamjobs.clickhouse.ClickHouseConnection;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything {@link RequestLogJob#forKafka} needs. Start from {@link #defaults(String, String)} and adjust with
 * the {@code with…} methods, or parse {@code --name value} command-line arguments with {@link #fromArgs}.
 * {@link #toString()} omits the password.
 */
public record RequestLogJobSettings(
        String kafkaBootstrap,
        String topic,
        String groupId,
        String clickHouseUrl,
        String clickHouseDatabase,
        String clickHouseUser,
        String clickHousePassword,
        Duration checkpointInterval,
        int parallelism,
        int batchSize) {

    public static final String DEFAULT_GROUP_ID = "turnpike-request-log";
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
    /** Environment variable read by {@link #fromArgs} for the password, so it stays out of process listings. */
    public static final String PASSWORD_ENV = "TURNPIKE_CLICKHOUSE_PASSWORD";

    public RequestLogJobSettings {
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(clickHouseUrl, "clickHouseUrl");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        if (checkpointInterval.toMillis() < 10) {
            throw new IllegalArgumentException("checkpointInterval must be at least 10 ms: " + checkpointInterval);
        }
        if (parallelism < 1 || batchSize < 1) {
            throw new IllegalArgumentException("parallelism and batchSize must be at least 1");
        }
        // Validates the database name and fills user/password defaults.
        ClickHouseConnection connection =
                new ClickHouseConnection(clickHouseUrl, clickHouseDatabase, clickHouseUser, clickHousePassword);
        clickHouseUser = connection.user();
        clickHousePassword = connection.password();
    }

    /** Topic {@link Topics#REQUESTS}, database {@code turnpike}, user {@code default}, 1 s checkpoints, parallelism 1. */
    public static RequestLogJobSettings defaults(String kafkaBootstrap, String clickHouseUrl) {
        return new RequestLogJobSettings(kafkaBootstrap, Topics.REQUESTS, DEFAULT_GROUP_ID, clickHouseUrl,
                ClickHouseConnection.DEFAULT_DATABASE, ClickHouseConnection.DEFAULT_USER, "",
                DEFAULT_CHECKPOINT_INTERVAL, 1, ClickHouseBatchSink.DEFAULT_BATCH_SIZE);
    }

    /**
     * Parses {@code --kafka-bootstrap}, {@code --clickhouse-url} (both required), {@code --topic},
     * {@code --group-id}, {@code --clickhouse-database}, {@code --clickhouse-user}, {@code --checkpoint-interval-ms},
     * {@code --parallelism}, {@code --batch-size}. The password comes from {@value #PASSWORD_ENV}.
     */
    public static RequestLogJobSettings fromArgs(String[] args, Map<String, String> environment) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got: " + name);
            }
            options.put(name.substring(2), args[++i]);
        }
        String bootstrap = required(options, "kafka-bootstrap");
        String url = required(options, "clickhouse-url");
        RequestLogJobSettings defaults = defaults(bootstrap, url);
        RequestLogJobSettings settings = new RequestLogJobSettings(bootstrap,
                options.getOrDefault("topic", defaults.topic()),
                options.getOrDefault("group-id", defaults.groupId()),
                url,
                options.getOrDefault("clickhouse-database", defaults.clickHouseDatabase()),
                options.getOrDefault("clickhouse-user", defaults.clickHouseUser()),
                environment.getOrDefault(PASSWORD_ENV, ""),
                options.containsKey("checkpoint-interval-ms")
                        ? Duration.ofMillis(Long.parseLong(options.get("checkpoint-interval-ms")))
                        : defaults.checkpointInterval(),
                Integer.parseInt(options.getOrDefault("parallelism", String.valueOf(defaults.parallelism()))),
                Integer.parseInt(options.getOrDefault("batch-size", String.valueOf(defaults.batchSize()))));
        options.keySet().removeAll(Set.of("kafka-bootstrap", "clickhouse-url", "topic", "group-id",
                "clickhouse-database", "clickhouse-user", "checkpoint-interval-ms", "parallelism", "batch-size"));
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + options.keySet());
        }
        return settings;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    public ClickHouseConnection clickHouse() {
        return new ClickHouseConnection(clickHouseUrl, clickHouseDatabase, clickHouseUser, clickHousePassword);
    }

    public RequestLogJobSettings withTopic(String newTopic) {
        return new RequestLogJobSettings(kafkaBootstrap, newTopic, groupId, clickHouseUrl, clickHouseDatabase,
                clickHouseUser, clickHousePassword, checkpointInterval, parallelism, batchSize);
    }

    public RequestLogJobSettings withGroupId(String newGroupId) {
        return new RequestLogJobSettings(kafkaBootstrap, topic, newGroupId, clickHouseUrl, clickHouseDatabase,
                clickHouseUser, clickHousePassword, checkpointInterval, parallelism, batchSize);
    }

    public RequestLogJobSettings withClickHouseDatabase(String database) {
        return new RequestLogJobSettings(kafkaBootstrap, topic, groupId, clickHouseUrl, database,
                clickHouseUser, clickHousePassword, checkpointInterval, parallelism, batchSize);
    }

    public RequestLogJobSettings withClickHouseCredentials(String user, String password) {
        return new RequestLogJobSettings(kafkaBootstrap, topic, groupId, clickHouseUrl, clickHouseDatabase,
                user, password, checkpointInterval, parallelism, batchSize);
    }

    public RequestLogJobSettings withCheckpointInterval(Duration interval) {
        return new RequestLogJobSettings(kafkaBootstrap, topic, groupId, clickHouseUrl, clickHouseDatabase,
                clickHouseUser, clickHousePassword, interval, parallelism, batchSize);
    }

    public RequestLogJobSettings withParallelism(int newParallelism) {
        return new RequestLogJobSettings(kafkaBootstrap, topic, groupId, clickHouseUrl, clickHouseDatabase,
                clickHouseUser, clickHousePassword, checkpointInterval, newParallelism, batchSize);
    }

    public RequestLogJobSettings withBatchSize(int newBatchSize) {
        return new RequestLogJobSettings(kafkaBootstrap, topic, groupId, clickHouseUrl, clickHouseDatabase,
                clickHouseUser, clickHousePassword, checkpointInterval, parallelism, newBatchSize);
    }

    @Override
    public String toString() {
        return "RequestLogJobSettings[kafkaBootstrap=" + kafkaBootstrap + ", topic=" + topic + ", groupId="
                + groupId + ", clickHouse=" + clickHouse() + ", checkpointInterval=" + checkpointInterval
                + ", parallelism=" + parallelism + ", batchSize=" + batchSize + "]";
    }
}
