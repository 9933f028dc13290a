package io.turnpike.streamjobs;

import io.turnpike.streamjobs.guardrails.GuardrailEvaluationJob;
import io.turnpike.streamjobs.requestlog.RequestLogJob;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * The request log and the guardrail evaluations as one Flink job, {@value #JOB_NAME}: the one-machine mode runs it
 * on an in-process MiniCluster, and it is the {@code Main-Class} of the cluster jar
 * ({@code turnpike-stream-jobs-<version>-job.jar}). The two pipelines share nothing but the job: each has its own
 * consumer group, sink and operator uids, and Flink's region failover restarts only the one that failed.
 */
public final class StreamJobs {
    public static final String JOB_NAME = "turnpike-stream-jobs";

    private static final Logger LOG = LoggerFactory.getLogger(StreamJobs.class);

    private final RequestLogJob requestLog;
    private final GuardrailEvaluationJob guardrailEvaluations;

    public StreamJobs(RequestLogJob requestLog, GuardrailEvaluationJob guardrailEvaluations) {
        this.requestLog = Objects.requireNonNull(requestLog, "requestLog");
        this.guardrailEvaluations = Objects.requireNonNull(guardrailEvaluations, "guardrailEvaluations");
    }

    /** Both pipelines' production wiring; applies the ClickHouse migrations first, so ClickHouse must be reachable. */
    public static StreamJobs forKafka(StreamJobsSettings settings) {
        return new StreamJobs(RequestLogJob.forKafka(settings.requestLog()),
                GuardrailEvaluationJob.forKafka(settings.guardrailEvaluations()));
    }

    public void addTo(StreamExecutionEnvironment env) {
        requestLog.addTo(env);
        guardrailEvaluations.addTo(env);
    }

    /** Runs the job in the ambient environment (the cluster under {@code flink run}, else a MiniCluster). */
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

    /** Entry point for {@code flink run}; {@code --help} lists the options ({@link StreamJobsSettings#USAGE}). */
    public static void main(String[] args) throws Exception {
        if (JobArguments.asksForHelp(args)) {
            System.out.print(StreamJobsSettings.USAGE);
            return;
        }
        StreamJobsSettings settings = StreamJobsSettings.fromArgs(args, System.getenv());
        LOG.info("Starting {} with {}", JOB_NAME, settings);
        forKafka(settings).execute();
    }
}
