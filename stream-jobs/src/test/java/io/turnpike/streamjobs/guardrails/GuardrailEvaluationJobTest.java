package io.turnpike.streamjobs.guardrails;

import io.turnpike.events.Topics;
import io.turnpike.streamjobs.clickhouse.ClickHouseBatchSink;
import io.turnpike.streamjobs.requestlog.RequestLogJobSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The job graph and its settings, without running anything: nothing here connects to Kafka or ClickHouse. */
class GuardrailEvaluationJobTest {
    private final GuardrailEvaluationJobSettings settings =
            GuardrailEvaluationJobSettings.defaults("127.0.0.1:9", "http://127.0.0.1:9").withParallelism(3);

    private StreamGraph graph() {
        GuardrailEvaluationJob job = new GuardrailEvaluationJob(GuardrailEvaluationJob.kafkaSource(settings),
                new ClickHouseBatchSink<>(settings.clickHouse(), GuardrailEvaluationJob.TABLE, 10),
                Duration.ofMillis(1500), settings.parallelism());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job.addTo(env);
        return env.getStreamGraph();
    }

    @Test
    void everyOperatorHasAStableUidSoSavepointsSurviveChanges() {
        assertThat(graph().getStreamNodes())
                .extracting(StreamNode::getTransformationUID)
                .doesNotContainNull()
                .contains("guardrail-events-source", "guardrail-evaluations-clickhouse-sink");
    }

    @Test
    void checkpointsAtTheConfiguredIntervalWithTheConfiguredParallelismAndNoKryo() {
        StreamGraph graph = graph();

        assertThat(graph.getCheckpointConfig().getCheckpointInterval()).isEqualTo(1500);
        assertThat(graph.getStreamNodes()).extracting(StreamNode::getParallelism).containsOnly(3);
        assertThat(graph.getExecutionConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
    }

    @Test
    void readsTheGuardrailsTopicWithItsOwnConsumerGroup() {
        GuardrailEvaluationJobSettings defaults = GuardrailEvaluationJobSettings.defaults("k:9092", "http://ch:8123");

        assertThat(defaults.topic()).isEqualTo(Topics.GUARDRAILS);
        assertThat(defaults.groupId()).isEqualTo("turnpike-guardrail-evaluations")
                .isNotEqualTo(RequestLogJobSettings.DEFAULT_GROUP_ID);
        assertThat(defaults.clickHouse().database()).isEqualTo("turnpike");
    }

    @Test
    void parsesTheRequestLogJobsOptionsAndNeverPrintsThePassword() {
        GuardrailEvaluationJobSettings parsed = GuardrailEvaluationJobSettings.fromArgs(new String[] {
                "--kafka-bootstrap", "k:9092", "--clickhouse-url", "http://ch:8123", "--group-id", "g",
                "--clickhouse-database", "analytics", "--clickhouse-user", "writer",
                "--checkpoint-interval-ms", "5000", "--parallelism", "4", "--batch-size", "100"},
                Map.of(GuardrailEvaluationJobSettings.PASSWORD_ENV, "s3cret"));

        assertThat(parsed.topic()).isEqualTo(Topics.GUARDRAILS);
        assertThat(parsed.groupId()).isEqualTo("g");
        assertThat(parsed.clickHouse().database()).isEqualTo("analytics");
        assertThat(parsed.clickHouse().password()).isEqualTo("s3cret");
        assertThat(parsed.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(parsed.parallelism()).isEqualTo(4);
        assertThat(parsed.batchSize()).isEqualTo(100);
        assertThat(parsed.toString()).contains("writer").doesNotContain("s3cret");
    }

    @Test
    void namesTheOptionThatIsMissingUnknownOrNotANumber() {
        assertThatThrownBy(() -> GuardrailEvaluationJobSettings.fromArgs(
                new String[] {"--kafka-bootstrap", "k:9092"}, Map.of())).hasMessageContaining("--clickhouse-url");
        assertThatThrownBy(() -> GuardrailEvaluationJobSettings.fromArgs(new String[] {
                "--kafka-bootstrap", "k", "--clickhouse-url", "u", "--paralelism", "2"}, Map.of()))
                .hasMessageContaining("paralelism");
        assertThatThrownBy(() -> GuardrailEvaluationJobSettings.fromArgs(new String[] {
                "--kafka-bootstrap", "k", "--clickhouse-url", "u", "--batch-size", "many"}, Map.of()))
                .hasMessageContaining("--batch-size");
    }
}
