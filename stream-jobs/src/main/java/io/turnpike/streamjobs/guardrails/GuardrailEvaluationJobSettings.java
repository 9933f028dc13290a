package io.turnpike.streamjobs.guardrails;

import io.turnpike.events.Topics;
import io.turnpike.streamjobs.clickhouse.ClickHouseBatchSink;
import io.turnpike.streamjobs.clickhouse.ClickHouseConnection;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything {@link GuardrailEvaluationJob#forKafka} needs. Start from {@link #defaults(String, String)} and adjust
 * with the {@code with…} methods, or parse {@code --name value} arguments with {@link #fromArgs}. The ClickHouse
 * connection's {@code toString()} omits the password, and so does this record's.
 */
public record GuardrailEvaluationJobSettings(
        String kafkaBootstrap,
        String topic,
        String groupId,
        ClickHouseConnection clickHouse,
        Duration checkpointInterval,
        int parallelism,
        int batchSize) {

    /** Its own consumer group: the request log and this job each read their topic at their own pace. */
    public static final String DEFAULT_GROUP_ID = "turnpike-guardrail-evaluations";
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
    /** Environment variable read by {@link #fromArgs} for the password, so it stays out of process listings. */
    public static final String PASSWORD_ENV = "TURNPIKE_CLICKHOUSE_PASSWORD";
    private static final Set<String> OPTIONS = Set.of("kafka-bootstrap", "clickhouse-url", "topic", "group-id",
            "clickhouse-database", "clickhouse-user", "checkpoint-interval-ms", "parallelism", "batch-size");

    public GuardrailEvaluationJobSettings {
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(clickHouse, "clickHouse");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        if (checkpointInterval.toMillis() < 10) {
            throw new IllegalArgumentException("checkpointInterval must be at least 10 ms: " + checkpointInterval);
        }
        if (parallelism < 1 || batchSize < 1) {
            throw new IllegalArgumentException("parallelism and batchSize must be at least 1");
        }
    }

    /** Topic {@link Topics#GUARDRAILS}, database {@code turnpike}, user {@code default}, 1 s checkpoints, parallelism 1. */
    public static GuardrailEvaluationJobSettings defaults(String kafkaBootstrap, String clickHouseUrl) {
        return new GuardrailEvaluationJobSettings(kafkaBootstrap, Topics.GUARDRAILS, DEFAULT_GROUP_ID,
                ClickHouseConnection.of(clickHouseUrl, ClickHouseConnection.DEFAULT_DATABASE),
                DEFAULT_CHECKPOINT_INTERVAL, 1, ClickHouseBatchSink.DEFAULT_BATCH_SIZE);
    }

    /**
     * Parses {@code --kafka-bootstrap}, {@code --clickhouse-url} (both required), {@code --topic},
     * {@code --group-id}, {@code --clickhouse-database}, {@code --clickhouse-user}, {@code --checkpoint-interval-ms},
     * {@code --parallelism}, {@code --batch-size} — the request-log job's options. The password comes from
     * {@value #PASSWORD_ENV}.
     */
    public static GuardrailEvaluationJobSettings fromArgs(String[] args, Map<String, String> environment) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got: " + name);
            }
            options.put(name.substring(2), args[++i]);
        }
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(OPTIONS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + unknown);
        }
        String url = required(options, "clickhouse-url");
        GuardrailEvaluationJobSettings defaults = defaults(required(options, "kafka-bootstrap"), url);
        return new GuardrailEvaluationJobSettings(defaults.kafkaBootstrap(),
                options.getOrDefault("topic", defaults.topic()),
                options.getOrDefault("group-id", defaults.groupId()),
                new ClickHouseConnection(url,
                        options.getOrDefault("clickhouse-database", ClickHouseConnection.DEFAULT_DATABASE),
                        options.getOrDefault("clickhouse-user", ClickHouseConnection.DEFAULT_USER),
                        environment.getOrDefault(PASSWORD_ENV, "")),
                options.containsKey("checkpoint-interval-ms")
                        ? Duration.ofMillis(number(options, "checkpoint-interval-ms"))
                        : defaults.checkpointInterval(),
                options.containsKey("parallelism") ? (int) number(options, "parallelism") : defaults.parallelism(),
                options.containsKey("batch-size") ? (int) number(options, "batch-size") : defaults.batchSize());
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static long number(Map<String, String> options, String name) {
        try {
            return Integer.parseInt(options.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got " + options.get(name));
        }
    }

    public GuardrailEvaluationJobSettings withTopic(String newTopic) {
        return new GuardrailEvaluationJobSettings(kafkaBootstrap, newTopic, groupId, clickHouse, checkpointInterval,
                parallelism, batchSize);
    }

    public GuardrailEvaluationJobSettings withGroupId(String newGroupId) {
        return new GuardrailEvaluationJobSettings(kafkaBootstrap, topic, newGroupId, clickHouse, checkpointInterval,
                parallelism, batchSize);
    }

    public GuardrailEvaluationJobSettings withClickHouse(ClickHouseConnection connection) {
        return new GuardrailEvaluationJobSettings(kafkaBootstrap, topic, groupId, connection, checkpointInterval,
                parallelism, batchSize);
    }

    public GuardrailEvaluationJobSettings withCheckpointInterval(Duration interval) {
        return new GuardrailEvaluationJobSettings(kafkaBootstrap, topic, groupId, clickHouse, interval,
                parallelism, batchSize);
    }

    public GuardrailEvaluationJobSettings withParallelism(int newParallelism) {
        return new GuardrailEvaluationJobSettings(kafkaBootstrap, topic, groupId, clickHouse, checkpointInterval,
                newParallelism, batchSize);
    }

    public GuardrailEvaluationJobSettings withBatchSize(int newBatchSize) {
        return new GuardrailEvaluationJobSettings(kafkaBootstrap, topic, groupId, clickHouse, checkpointInterval,
                parallelism, newBatchSize);
    }
}
