package io.turnpike.launcher;

import io.turnpike.streamjobs.StreamJobs;
import io.turnpike.streamjobs.StreamJobsSettings;
import io.turnpike.streamjobs.clickhouse.ClickHouseConnection;
import org.apache.flink.core.execution.JobClient;

import java.util.concurrent.TimeUnit;

/**
 * The stream jobs — request log and guardrail evaluations — as one Flink job ({@link StreamJobs}, the same job the
 * cluster jar runs) on one in-process MiniCluster (a MiniCluster per job would cost a second start-up and its
 * memory). Closing cancels the job, which stops the MiniCluster.
 */
final class StreamJobsPipeline implements AutoCloseable {
    private final JobClient job;

    private StreamJobsPipeline(JobClient job) {
        this.job = job;
    }

    static StreamJobsPipeline start(String kafkaBootstrap, String clickHouseUrl, StackSettings settings) {
        StreamJobsSettings jobs = StreamJobsSettings.defaults(kafkaBootstrap, clickHouseUrl)
                .withClickHouse(new ClickHouseConnection(clickHouseUrl, settings.clickHouseDatabase(),
                        settings.clickHouseUser(), settings.clickHousePassword()));
        try {
            return new StreamJobsPipeline(StreamJobs.forKafka(jobs).executeAsync());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the stream jobs: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws Exception {
        job.cancel().get(30, TimeUnit.SECONDS);
    }
}
