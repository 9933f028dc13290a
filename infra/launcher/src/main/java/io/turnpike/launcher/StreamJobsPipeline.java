package io.turnpike.launcher;

import io.turnpike.streamjobs.guardrails.GuardrailEvaluationJob;
import io.turnpike.streamjobs.guardrails.GuardrailEvaluationJobSettings;
import io.turnpike.streamjobs.requestlog.RequestLogJob;
import io.turnpike.streamjobs.requestlog.RequestLogJobSettings;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.concurrent.TimeUnit;

/**
 * The stream jobs — request log and guardrail evaluations — as one Flink job on one in-process MiniCluster (a
 * MiniCluster per job would cost a second start-up and its memory). The two pipelines share nothing but the
 * cluster: each has its own Kafka consumer group, sink and operator uids, and Flink's region failover restarts
 * only the pipeline that failed. Closing cancels the job, which stops the MiniCluster.
 */
final class StreamJobsPipeline implements AutoCloseable {
    static final String JOB_NAME = "turnpike-stream-jobs";

    private final JobClient job;

    private StreamJobsPipeline(JobClient job) {
        this.job = job;
    }

    static StreamJobsPipeline start(String kafkaBootstrap, String clickHouseUrl, StackSettings settings) {
        RequestLogJobSettings requestLog = RequestLogJobSettings.defaults(kafkaBootstrap, clickHouseUrl)
                .withClickHouseDatabase(settings.clickHouseDatabase())
                .withClickHouseCredentials(settings.clickHouseUser(), settings.clickHousePassword());
        GuardrailEvaluationJobSettings guardrails = GuardrailEvaluationJobSettings
                .defaults(kafkaBootstrap, clickHouseUrl)
                .withClickHouse(requestLog.clickHouse());
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            RequestLogJob.forKafka(requestLog).addTo(env);
            GuardrailEvaluationJob.forKafka(guardrails).addTo(env);
            return new StreamJobsPipeline(env.executeAsync(JOB_NAME));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the stream jobs: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws Exception {
        job.cancel().get(30, TimeUnit.SECONDS);
    }
}
