package io.turnpike.streamjobs;

import io.turnpike.events.Topics;
import io.turnpike.streamjobs.clickhouse.ClickHouseBatchSink;
import io.turnpike.streamjobs.clickhouse.ClickHouseConnection;
import io.turnpike.streamjobs.guardrails.GuardrailEvaluationJob;
import io.turnpike.streamjobs.guardrails.GuardrailEvaluationJobSettings;
import io.turnpike.streamjobs.guardrails.GuardrailEvaluationRow;
import io.turnpike.streamjobs.requestlog.RequestLogJob;
import io.turnpike.streamjobs.requestlog.RequestLogJobSettings;
import io.turnpike.streamjobs.requestlog.RequestLogRow;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The combined job's graph and its options, without running anything. */
class StreamJobsTest {
    private static final String[] REQUIRED = {"--kafka-bootstrap", "k:9092", "--clickhouse-url", "http://ch:8123"};

    @Test
    void holdsBothPipelinesWithTheirOwnUidsAtTheSharedParallelismAndCheckpointInterval() {
        StreamJobsSettings settings = StreamJobsSettings.defaults("127.0.0.1:9", "http://127.0.0.1:9")
                .withParallelism(3)
                .withCheckpointInterval(Duration.ofMillis(2500));
        StreamJobs jobs = new StreamJobs(
                new RequestLogJob(source(RequestLogRow.class), new ClickHouseBatchSink<>(settings.clickHouse(), "request_log", 10),
                        settings.checkpointInterval(), settings.parallelism()),
                new GuardrailEvaluationJob(source(GuardrailEvaluationRow.class),
                        new ClickHouseBatchSink<>(settings.clickHouse(), "guardrail_evaluations", 10),
                        settings.checkpointInterval(), settings.parallelism()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

        jobs.addTo(env);
        StreamGraph graph = env.getStreamGraph();

        assertThat(graph.getStreamNodes()).extracting(StreamNode::getTransformationUID).containsExactlyInAnyOrder(
                "request-events-source", "request-log-clickhouse-sink",
                "guardrail-events-source", "guardrail-evaluations-clickhouse-sink");
        assertThat(graph.getStreamNodes()).extracting(StreamNode::getParallelism).containsOnly(3);
        assertThat(graph.getCheckpointConfig().getCheckpointInterval()).isEqualTo(2500);
        assertThat(graph.getExecutionConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
    }

    /** A source the graph can be built from; nothing here connects to it. */
    private static <T> KafkaSource<T> source(Class<T> rowType) {
        return KafkaSource.<T>builder()
                .setBootstrapServers("127.0.0.1:9")
                .setTopics("t")
                .setGroupId("g")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new NoRecords<>(rowType))
                .build();
    }

    private record NoRecords<T>(Class<T> rowType) implements KafkaRecordDeserializationSchema<T> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
        }

        @Override
        public TypeInformation<T> getProducedType() {
            return TypeInformation.of(rowType);
        }
    }

    @Test
    void defaultsAreEachJobsDefaults() {
        StreamJobsSettings settings = StreamJobsSettings.defaults("k:9092", "http://ch:8123");

        assertThat(settings.requestLog()).isEqualTo(RequestLogJobSettings.defaults("k:9092", "http://ch:8123"));
        assertThat(settings.guardrailEvaluations())
                .isEqualTo(GuardrailEvaluationJobSettings.defaults("k:9092", "http://ch:8123"));
    }

    @Test
    void parsesEveryOptionInBothSpellingsAndHandsEachJobItsOwnSource() {
        StreamJobsSettings parsed = StreamJobsSettings.fromArgs(new String[] {
                "--kafka-bootstrap=k1:9092,k2:9092", "--clickhouse-url", "http://ch:8123",
                "--clickhouse-database", "analytics", "--clickhouse-user=writer", "--checkpoint-interval-ms", "5000",
                "--parallelism", "4", "--batch-size", "100", "--request-log-topic", "req", "--request-log-group-id",
                "req-g", "--guardrails-topic", "gr", "--guardrails-group-id", "gr-g"},
                Map.of(StreamJobsSettings.PASSWORD_ENV, "s3cret"));

        assertThat(parsed.clickHouse()).isEqualTo(new ClickHouseConnection("http://ch:8123", "analytics", "writer",
                "s3cret"));
        RequestLogJobSettings requestLog = parsed.requestLog();
        assertThat(requestLog.kafkaBootstrap()).isEqualTo("k1:9092,k2:9092");
        assertThat(requestLog.topic()).isEqualTo("req");
        assertThat(requestLog.groupId()).isEqualTo("req-g");
        assertThat(requestLog.clickHouse()).isEqualTo(parsed.clickHouse());
        assertThat(requestLog.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(requestLog.parallelism()).isEqualTo(4);
        assertThat(requestLog.batchSize()).isEqualTo(100);
        GuardrailEvaluationJobSettings guardrails = parsed.guardrailEvaluations();
        assertThat(guardrails.topic()).isEqualTo("gr");
        assertThat(guardrails.groupId()).isEqualTo("gr-g");
        assertThat(guardrails.clickHouse()).isEqualTo(parsed.clickHouse());
        assertThat(guardrails.parallelism()).isEqualTo(4);
        assertThat(parsed.toString()).contains("writer").doesNotContain("s3cret");
    }

    @Test
    void readsTheDefaultTopics() {
        StreamJobsSettings parsed = StreamJobsSettings.fromArgs(REQUIRED, Map.of());

        assertThat(parsed.requestLog().topic()).isEqualTo(Topics.REQUESTS);
        assertThat(parsed.guardrailEvaluations().topic()).isEqualTo(Topics.GUARDRAILS);
        assertThat(parsed.clickHouse().password()).isEmpty();
    }

    @Test
    void namesTheOptionThatIsMissingUnknownRepeatedEmptyOrOutOfRange() {
        assertThatThrownBy(() -> StreamJobsSettings.fromArgs(new String[] {"--kafka-bootstrap", "k"}, Map.of()))
                .hasMessage("--clickhouse-url is required");
        assertThatThrownBy(() -> parse("--paralelism", "2")).hasMessageStartingWith("unknown option --paralelism");
        assertThatThrownBy(() -> parse("--parallelism", "2", "--parallelism", "3"))
                .hasMessage("option --parallelism is given more than once");
        assertThatThrownBy(() -> parse("--batch-size")).hasMessage("option --batch-size needs a value");
        assertThatThrownBy(() -> parse("--batch-size", "many"))
                .hasMessage("--batch-size must be a whole number, got: many");
        assertThatThrownBy(() -> parse("--parallelism", "0")).hasMessageStartingWith("--parallelism must be between 1");
        assertThatThrownBy(() -> parse("--checkpoint-interval-ms", "5"))
                .hasMessageStartingWith("--checkpoint-interval-ms must be between 10");
        assertThatThrownBy(() -> parse("--guardrails-topic=")).hasMessage("--guardrails-topic must not be empty");
        assertThatThrownBy(() -> parse("--clickhouse-database", "drop table"))
                .hasMessageStartingWith("--clickhouse-database: ");
        assertThatThrownBy(() -> parse("stray")).hasMessageContaining("stray");
        assertThatThrownBy(() -> parse("--guardrails-group-id", RequestLogJobSettings.DEFAULT_GROUP_ID))
                .hasMessageContaining("different consumer groups");
    }

    private static StreamJobsSettings parse(String... more) {
        String[] args = new String[REQUIRED.length + more.length];
        System.arraycopy(REQUIRED, 0, args, 0, REQUIRED.length);
        System.arraycopy(more, 0, args, REQUIRED.length, more.length);
        return StreamJobsSettings.fromArgs(args, Map.of());
    }

    @Test
    void helpListsEveryOptionAndStartsNothing() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            StreamJobs.main(new String[] {"--help"});
        } finally {
            System.setOut(original);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("--kafka-bootstrap", "--clickhouse-url",
                "--clickhouse-database", "--clickhouse-user", "TURNPIKE_CLICKHOUSE_PASSWORD",
                "--checkpoint-interval-ms", "--parallelism", "--batch-size", "--request-log-topic",
                "--request-log-group-id", "--guardrails-topic", "--guardrails-group-id");
    }
}
