package io.turnpike.launcher;

import io.turnpike.streamjobs.requestlog.RequestLogJob;
import io.turnpike.streamjobs.requestlog.RequestLogJobSettings;
import org.apache.flink.core.execution.JobClient;

import java.util.concurrent.TimeUnit;

/** The request-log Flink job on an in-process MiniCluster; closing cancels it, which stops the MiniCluster. */
final class RequestLogPipeline implements AutoCloseable {
    private final JobClient job;

    private RequestLogPipeline(JobClient job) {
        this.job = job;
    }

    static RequestLogPipeline start(String kafkaBootstrap, String clickHouseUrl, StackSettings settings) {
        RequestLogJobSettings jobSettings = RequestLogJobSettings.defaults(kafkaBootstrap, clickHouseUrl)
                .withClickHouseDatabase(settings.clickHouseDatabase())
                .withClickHouseCredentials(settings.clickHouseUser(), settings.clickHousePassword());
        try {
            return new RequestLogPipeline(RequestLogJob.forKafka(jobSettings).executeAsync());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the request-log job: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws Exception {
        job.cancel().get(30, TimeUnit.SECONDS);
    }
}
