package io.turnpike.streamjobs;

import io.turnpike.events.Topics;
import io.turnpike.streamjobs.clickhouse.ClickHouseBatchSink;
import io.turnpike.streamjobs.clickhouse.ClickHouseConnection;
import io.turnpike.streamjobs.guardrails.GuardrailEvaluationJobSettings;
import io.turnpike.streamjobs.requestlog.RequestLogJobSettings;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything {@link StreamJobs#forKafka} needs: one Kafka cluster, one ClickHouse database, and the checkpoint
 * interval, parallelism and batch size both pipelines share; each pipeline keeps its own topic and consumer group.
 * Start from {@link #defaults(String, String)} or parse {@code main}'s options with {@link #fromArgs}. The ClickHouse
 * connection's {@code toString()} omits the password, and so does this record's.
 */
public record StreamJobsSettings(
        String kafkaBootstrap,
        ClickHouseConnection clickHouse,
        Duration checkpointInterval,
        int parallelism,
        int batchSize,
        String requestLogTopic,
        String requestLogGroupId,
        String guardrailsTopic,
        String guardrailsGroupId) {

    /** Environment variable read by {@link #fromArgs} for the password, so it stays out of process listings. */
    public static final String PASSWORD_ENV = RequestLogJobSettings.PASSWORD_ENV;

    /** What {@code --help} prints. */
    public static final String USAGE = """
            Runs the request log and the guardrail evaluations as one Flink job, turnpike-stream-jobs.
              --kafka-bootstrap HOST:PORT[,...]   Kafka bootstrap servers (required)
              --clickhouse-url URL                ClickHouse HTTP endpoint, e.g. http://clickhouse:8123 (required)
              --clickhouse-database NAME          database, created if missing (default turnpike)
              --clickhouse-user NAME              user (default default); the password comes from the
                                                  environment variable TURNPIKE_CLICKHOUSE_PASSWORD
              --checkpoint-interval-ms MS         checkpoint interval; rows reach ClickHouse at each (default 1000)
              --parallelism N                     parallelism of both pipelines (default 1)
              --batch-size ROWS                   rows per ClickHouse insert between checkpoints (default 5000)
              --request-log-topic NAME            default turnpike.requests.v1
              --request-log-group-id NAME         default turnpike-request-log
              --guardrails-topic NAME             default turnpike.guardrails.v1
              --guardrails-group-id NAME          default turnpike-guardrail-evaluations
            """;

    private static final Set<String> OPTIONS = Set.of("kafka-bootstrap", "clickhouse-url", "clickhouse-database",
            "clickhouse-user", "checkpoint-interval-ms", "parallelism", "batch-size", "request-log-topic",
            "request-log-group-id", "guardrails-topic", "guardrails-group-id");

    public StreamJobsSettings {
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        Objects.requireNonNull(clickHouse, "clickHouse");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(requestLogTopic, "requestLogTopic");
        Objects.requireNonNull(requestLogGroupId, "requestLogGroupId");
        Objects.requireNonNull(guardrailsTopic, "guardrailsTopic");
        Objects.requireNonNull(guardrailsGroupId, "guardrailsGroupId");
        if (checkpointInterval.toMillis() < 10) {
            throw new IllegalArgumentException("checkpointInterval must be at least 10 ms: " + checkpointInterval);
        }
        if (parallelism < 1 || batchSize < 1) {
            throw new IllegalArgumentException("parallelism and batchSize must be at least 1");
        }
        if (requestLogGroupId.equals(guardrailsGroupId)) {
            // One group for two sources would have each commit offsets over the other's.
            throw new IllegalArgumentException("the request log and guardrail evaluations need different consumer"
                    + " groups, both are " + requestLogGroupId);
        }
    }

    /** The per-job defaults: database {@code turnpike}, user {@code default}, 1 s checkpoints, parallelism 1. */
    public static StreamJobsSettings defaults(String kafkaBootstrap, String clickHouseUrl) {
        return new StreamJobsSettings(kafkaBootstrap,
                ClickHouseConnection.of(clickHouseUrl, ClickHouseConnection.DEFAULT_DATABASE),
                RequestLogJobSettings.DEFAULT_CHECKPOINT_INTERVAL, 1, ClickHouseBatchSink.DEFAULT_BATCH_SIZE,
                Topics.REQUESTS, RequestLogJobSettings.DEFAULT_GROUP_ID,
                Topics.GUARDRAILS, GuardrailEvaluationJobSettings.DEFAULT_GROUP_ID);
    }

    /** Parses the options listed in {@link #USAGE}; the password comes from {@value #PASSWORD_ENV}. */
    public static StreamJobsSettings fromArgs(String[] args, Map<String, String> environment) {
        JobArguments options = JobArguments.parse(args, OPTIONS);
        StreamJobsSettings defaults = defaults(options.required("kafka-bootstrap"), options.required("clickhouse-url"));
        return new StreamJobsSettings(defaults.kafkaBootstrap(),
                clickHouse(defaults.clickHouse().url(), options, environment),
                Duration.ofMillis(options.number("checkpoint-interval-ms",
                        defaults.checkpointInterval().toMillis(), 10, Long.MAX_VALUE)),
                (int) options.number("parallelism", defaults.parallelism(), 1, Integer.MAX_VALUE),
                (int) options.number("batch-size", defaults.batchSize(), 1, Integer.MAX_VALUE),
                options.text("request-log-topic", defaults.requestLogTopic()),
                options.text("request-log-group-id", defaults.requestLogGroupId()),
                options.text("guardrails-topic", defaults.guardrailsTopic()),
                options.text("guardrails-group-id", defaults.guardrailsGroupId()));
    }

    private static ClickHouseConnection clickHouse(String url, JobArguments options, Map<String, String> environment) {
        String database = options.text("clickhouse-database", ClickHouseConnection.DEFAULT_DATABASE);
        String user = options.text("clickhouse-user", ClickHouseConnection.DEFAULT_USER);
        try {
            return new ClickHouseConnection(url, database, user, environment.getOrDefault(PASSWORD_ENV, ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--clickhouse-database: " + e.getMessage(), e);
        }
    }

    public RequestLogJobSettings requestLog() {
        return new RequestLogJobSettings(kafkaBootstrap, requestLogTopic, requestLogGroupId, clickHouse.url(),
                clickHouse.database(), clickHouse.user(), clickHouse.password(), checkpointInterval, parallelism,
                batchSize);
    }

    public GuardrailEvaluationJobSettings guardrailEvaluations() {
        return new GuardrailEvaluationJobSettings(kafkaBootstrap, guardrailsTopic, guardrailsGroupId, clickHouse,
                checkpointInterval, parallelism, batchSize);
    }

    public StreamJobsSettings withClickHouse(ClickHouseConnection connection) {
        return new StreamJobsSettings(kafkaBootstrap, connection, checkpointInterval, parallelism, batchSize,
                requestLogTopic, requestLogGroupId, guardrailsTopic, guardrailsGroupId);
    }

    public StreamJobsSettings withCheckpointInterval(Duration interval) {
        return new StreamJobsSettings(kafkaBootstrap, clickHouse, interval, parallelism, batchSize,
                requestLogTopic, requestLogGroupId, guardrailsTopic, guardrailsGroupId);
    }

    public StreamJobsSettings withParallelism(int newParallelism) {
        return new StreamJobsSettings(kafkaBootstrap, clickHouse, checkpointInterval, newParallelism, batchSize,
                requestLogTopic, requestLogGroupId, guardrailsTopic, guardrailsGroupId);
    }

    public StreamJobsSettings withRequestLogSource(String topic, String groupId) {
        return new StreamJobsSettings(kafkaBootstrap, clickHouse, checkpointInterval, parallelism, batchSize,
                topic, groupId, guardrailsTopic, guardrailsGroupId);
    }

    public StreamJobsSettings withGuardrailsSource(String topic, String groupId) {
        return new StreamJobsSettings(kafkaBootstrap, clickHouse, checkpointInterval, parallelism, batchSize,
                requestLogTopic, requestLogGroupId, topic, groupId);
    }
}
