package io.turnpike.streamjobs.requestlog;

import io.turnpike.streamjobs.clickhouse.ClickHouseBatchSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The job graph as built, without running it: nothing here connects to Kafka or ClickHouse. */
class RequestLogJobTest {
    private final RequestLogJobSettings settings =
            RequestLogJobSettings.defaults("127.0.0.1:9", "http://127.0.0.1:9").withParallelism(3);

    private StreamGraph graph() {
        RequestLogJob job = new RequestLogJob(RequestLogJob.kafkaSource(settings),
                new ClickHouseBatchSink<>(settings.clickHouse(), RequestLogJob.REQUEST_LOG_TABLE, 10),
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
                .contains("request-events-source", "request-log-clickhouse-sink");
    }

    @Test
    void checkpointsAtTheConfiguredIntervalWithTheConfiguredParallelism() {
        StreamGraph graph = graph();

        assertThat(graph.getCheckpointConfig().getCheckpointInterval()).isEqualTo(1500);
        assertThat(graph.getStreamNodes()).extracting(StreamNode::getParallelism).containsOnly(3);
    }

    @Test
    void refusesKryoFallbackForAnyType() {
        assertThat(graph().getExecutionConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
    }
}
