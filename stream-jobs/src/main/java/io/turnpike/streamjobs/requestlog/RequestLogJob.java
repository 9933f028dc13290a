package io.turnpike.streamjobs.requestlog;

import io.turnpike.streamjobs.clickhouse.ClickHouseBatchSink;
import io.turnpike.streamjobs.clickhouse.ClickHouseMigrator;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The request log: every {@code RequestCompleted} event becomes one {@code request_log} row in ClickHouse.
 *
 * <p>Takes its source and sink in the constructor (tests pass their own); {@link #forKafka} wires the production
 * ones. Delivery is at-least-once — the sink flushes at every checkpoint and Kafka offsets are committed after
 * it — and the table is a ReplacingMergeTree keyed by request identity, so replays do not double-count.
 *
 * <p>In the one-machine mode, call {@link #executeAsync()} from a plain JVM: Flink starts a MiniCluster for the
 * job, and {@code jobClient.cancel()} stops both the job and that MiniCluster.
 */
public final class RequestLogJob {
    public static final String JOB_NAME = "turnpike-request-log";
    static final String REQUEST_LOG_TABLE = "request_log";

    private static final Logger LOG = LoggerFactory.getLogger(RequestLogJob.class);

    private final Source<RequestLogRow, ?, ?> source;
    private final Sink<RequestLogRow> sink;
    private final Duration checkpointInterval;
    private final int parallelism;

    /** With 1 s checkpoints and the environment's default parallelism. */
    public RequestLogJob(Source<RequestLogRow, ?, ?> source, Sink<RequestLogRow> sink) {
        this(source, sink, RequestLogJobSettings.DEFAULT_CHECKPOINT_INTERVAL, 0);
    }

    /** @param parallelism 0 keeps the environment's default */
    public RequestLogJob(Source<RequestLogRow, ?, ?> source, Sink<RequestLogRow> sink,
                         Duration checkpointInterval, int parallelism) {
        this.source = Objects.requireNonNull(source, "source");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.checkpointInterval = Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        this.parallelism = parallelism;
    }

    /**
     * The production wiring: Kafka source on {@code settings.topic()} (committed offsets of the group, else the
     * earliest), ClickHouse sink into {@code request_log}. Applies the ClickHouse migrations first (idempotent),
     * so the table exists before the first insert; this needs ClickHouse to be reachable.
     */
    public static RequestLogJob forKafka(RequestLogJobSettings settings) {
        List<String> applied = ClickHouseMigrator.migrate(settings.clickHouse());
        LOG.info("ClickHouse {} ready for the request log ({} migrations applied now)",
                settings.clickHouse(), applied.size());
        return new RequestLogJob(kafkaSource(settings),
                new ClickHouseBatchSink<>(settings.clickHouse(), REQUEST_LOG_TABLE, settings.batchSize()),
                settings.checkpointInterval(), settings.parallelism());
    }

    static KafkaSource<RequestLogRow> kafkaSource(RequestLogJobSettings settings) {
        return KafkaSource.<RequestLogRow>builder()
                .setBootstrapServers(settings.kafkaBootstrap())
                .setTopics(settings.topic())
                .setGroupId(settings.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RequestCompletedDeserializer())
                // Offsets are committed on checkpoint completion, i.e. after the sink flushed the rows.
                .setProperty("commit.offsets.on.checkpoint", "true")
                .setProperty("client.id.prefix", settings.groupId())
                .build();
    }

    /** Adds the pipeline to {@code env} and configures checkpointing, parallelism and POJO-only serialization. */
    public void addTo(StreamExecutionEnvironment env) {
        Configuration pipeline = new Configuration();
        // Fail at job build time if any type would fall back to Kryo.
        pipeline.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(pipeline);
        env.enableCheckpointing(checkpointInterval.toMillis());
        if (parallelism > 0) {
            env.setParallelism(parallelism);
        }
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "request-events",
                        TypeInformation.of(RequestLogRow.class))
                .uid("request-events-source")
                .name("request-events")
                .sinkTo(sink)
                .uid("request-log-clickhouse-sink")
                .name("request-log-clickhouse");
    }

    /** Runs the job in the ambient environment (a MiniCluster in a plain JVM) and blocks until it ends. */
    public JobExecutionResult execute() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        addTo(env);
        return env.execute(JOB_NAME);
    }

    /** Submits the job to the ambient environment and returns at once; cancel it with the returned client. */
    public JobClient executeAsync() throws Exception {
        return executeAsync(StreamExecutionEnvironment.getExecutionEnvironment());
    }

    public JobClient executeAsync(StreamExecutionEnvironment env) throws Exception {
        addTo(env);
        return env.executeAsync(JOB_NAME);
    }

    /** Entry point for {@code flink run}; see {@link RequestLogJobSettings#fromArgs} for the arguments. */
    public static void main(String[] args) throws Exception {
        RequestLogJobSettings settings = RequestLogJobSettings.fromArgs(args, System.getenv());
        LOG.info("Starting {} with {}", JOB_NAME, settings);
        forKafka(settings).execute();
    }
}
