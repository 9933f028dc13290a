package io.turnpike.bench;

import java.util.Map;

/**
 * A scenario's numbers as reported.
 *
 * @param allocatedBytesPerRequest whole-JVM allocation (client, proxy, fake upstream) divided by measured requests
 * @param firstByte                time to the first body byte; null for JSON scenarios
 * @param guardrailChecksPerRequest guardrail verdicts the proxy published per request sent; null without the proxy
 * @param guardrailsFlaggedPerRequest of those, the ones that did not pass (a redaction, say)
 * @param guardrailCheckMicrosPerRequest the checks' own reported timings summed, per request sent
 */
record ScenarioSummary(Scenario scenario, long requests, long errors, Map<Integer, Long> errorsByStatus,
                       String errorSample, long warmupErrors, double throughputPerSecond,
                       ScenarioResult.Latency latency, ScenarioResult.Latency firstByte,
                       double allocatedBytesPerRequest, Double guardrailChecksPerRequest,
                       Double guardrailsFlaggedPerRequest, Double guardrailCheckMicrosPerRequest) {

    /** How this scenario compares with its baseline from the same run. */
    record Overhead(Scenario baseline, double p50Ratio, long p50DeltaMicros, double p99Ratio,
                    double allocatedDeltaBytes) {
    }

    Overhead overheadAgainst(ScenarioSummary baseline) {
        return new Overhead(baseline.scenario(), ratio(latency.p50(), baseline.latency().p50()),
                latency.p50() - baseline.latency().p50(), ratio(latency.p99(), baseline.latency().p99()),
                allocatedBytesPerRequest - baseline.allocatedBytesPerRequest());
    }

    private static double ratio(long value, long baseline) {
        return baseline == 0 ? Double.NaN : value / (double) baseline;
    }
}
