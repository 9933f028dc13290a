package io.turnpike.streamjobs.guardrails;

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
 * Guardrail verdicts: every {@code GuardrailEvaluated} event (input and output checks alike) becomes one
 * {@code guardrail_evaluations} row in ClickHouse, which the request log and the guardrail analytics read.
 *
 * <p>The same shape as the request-log job: source and sink in the constructor, {@link #forKafka} for the
 * production wiring, at-least-once delivery (the sink flushes at every checkpoint, offsets are committed after
 * it) into a ReplacingMergeTree keyed by the evaluation's identity, so replays do not double-count.
 */
public final class GuardrailEvaluationJob {
    public static final String JOB_NAME = "turnpike-guardrail-evaluations";
    static final String TABLE = "guardrail_evaluations";

    private static final Logger LOG = LoggerFactory.getLogger(GuardrailEvaluationJob.class);

    private final Source<GuardrailEvaluationRow, ?, ?> source;
    private final Sink<GuardrailEvaluationRow> sink;
    private final Duration checkpointInterval;
    private final int parallelism;

    /** @param parallelism 0 keeps the environment's default */
    public GuardrailEvaluationJob(Source<GuardrailEvaluationRow, ?, ?> source, Sink<GuardrailEvaluationRow> sink,
                                  Duration checkpointInterval, int parallelism) {
        this.source = Objects.requireNonNull(source, "source");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.checkpointInterval = Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        this.parallelism = parallelism;
    }

    /**
     * Kafka source on {@code settings.topic()} (the group's committed offsets, else the earliest), ClickHouse sink
     * into {@code guardrail_evaluations}. Applies the ClickHouse migrations first (idempotent), so ClickHouse must
     * be reachable.
     */
    public static GuardrailEvaluationJob forKafka(GuardrailEvaluationJobSettings settings) {
        List<String> applied = ClickHouseMigrator.migrate(settings.clickHouse());
        LOG.info("ClickHouse {} ready for guardrail evaluations ({} migrations applied now)",
                settings.clickHouse(), applied.size());
        return new GuardrailEvaluationJob(kafkaSource(settings),
                new ClickHouseBatchSink<>(settings.clickHouse(), TABLE, settings.batchSize()),
                settings.checkpointInterval(), settings.parallelism());
    }

    static KafkaSource<GuardrailEvaluationRow> kafkaSource(GuardrailEvaluationJobSettings settings) {
        return KafkaSource.<GuardrailEvaluationRow>builder()
                .setBootstrapServers(settings.kafkaBootstrap())
                .setTopics(settings.topic())
                .setGroupId(settings.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new GuardrailEvaluatedDeserializer())
                // Offsets are committed on checkpoint completion, i.e. after the sink flushed the rows.
                .setProperty("commit.offsets.on.checkpoint", "true")
                .setProperty("client.id.prefix", settings.groupId())
                .build();
    }

    /**
     * Adds the pipeline to {@code env} and configures checkpointing, parallelism and POJO-only serialization. Safe
     * to call on an environment that already holds the request-log pipeline: the settings are the same kind.
     */
    public void addTo(StreamExecutionEnvironment env) {
        Configuration pipeline = new Configuration();
        // Fail at job build time if any type would fall back to Kryo.
        pipeline.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(pipeline);
        env.enableCheckpointing(checkpointInterval.toMillis());
        if (parallelism > 0) {
            env.setParallelism(parallelism);
        }
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "guardrail-events",
                        TypeInformation.of(GuardrailEvaluationRow.class))
                .uid("guardrail-events-source")
                .name("guardrail-events")
                .sinkTo(sink)
                .uid("guardrail-evaluations-clickhouse-sink")
                .name("guardrail-evaluations-clickhouse");
    }

    /** Runs the job in the ambient environment (a MiniCluster in a plain JVM) and blocks until it ends. */
    public JobExecutionResult execute() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        addTo(env);
        return env.execute(JOB_NAME);
    }

    /** Submits the job to the ambient environment and returns at once; cancel it with the returned client. */
    public JobClient executeAsync() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        addTo(env);
        return env.executeAsync(JOB_NAME);
    }

    /** Entry point for {@code flink run}; see {@link GuardrailEvaluationJobSettings#fromArgs} for the arguments. */
    public static void main(String[] args) throws Exception {
        GuardrailEvaluationJobSettings settings = GuardrailEvaluationJobSettings.fromArgs(args, System.getenv());
        LOG.info("Starting {} with {}", JOB_NAME, settings);
        forKafka(settings).execute();
    }
}
