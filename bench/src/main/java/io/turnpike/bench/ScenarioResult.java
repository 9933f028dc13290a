package io.turnpike.bench;

import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;

/** One scenario's measurements added up over the rounds (warm-up kept apart: its errors are reported, not timed). */
final class ScenarioResult {
    private final Scenario scenario;
    private final Histogram latencyMicros = new Histogram(3);
    private final Histogram firstByteMicros = new Histogram(3);
    private final Map<Integer, Long> errorsByStatus = new TreeMap<>();
    private String errorSample;
    private long requests;
    private long elapsedNanos;
    private long allocatedBytes;
    private long warmupRequests;
    private long warmupErrors;

    ScenarioResult(Scenario scenario) {
        this.scenario = scenario;
    }

    void addWarmup(LoadSample sample) {
        warmupRequests += sample.requests();
        warmupErrors += sample.errors();
        if (errorSample == null) {
            errorSample = sample.errorSample();
        }
    }

    void add(LoadSample sample) {
        requests += sample.requests();
        elapsedNanos += sample.elapsedNanos();
        allocatedBytes += sample.allocatedBytes();
        latencyMicros.add(sample.latencyMicros());
        firstByteMicros.add(sample.firstByteMicros());
        sample.errorsByStatus().forEach((status, count) -> errorsByStatus.merge(status, count, Long::sum));
        if (errorSample == null) {
            errorSample = sample.errorSample();
        }
    }

    /** Requests sent with this scenario's key, warm-up included: what the proxy's event counts are divided by. */
    long requestsSent() {
        return warmupRequests + requests;
    }

    ScenarioSummary summarize(CountingEventSink.KeyCounts counts) {
        long errors = errorsByStatus.values().stream().mapToLong(Long::longValue).sum();
        double seconds = elapsedNanos / 1e9;
        Double checksPerRequest = null;
        Double flaggedPerRequest = null;
        Double checkMicrosPerRequest = null;
        if (scenario.viaProxy() && requestsSent() > 0) {
            checksPerRequest = counts.guardrailVerdicts.sum() / (double) requestsSent();
            flaggedPerRequest = counts.guardrailsFlagged.sum() / (double) requestsSent();
            checkMicrosPerRequest = counts.guardrailCheckMicros.sum() / (double) requestsSent();
        }
        return new ScenarioSummary(scenario, requests, errors, Map.copyOf(errorsByStatus), errorSample,
                warmupErrors, seconds > 0 ? requests / seconds : 0,
                Latency.of(latencyMicros), scenario.streaming() ? Latency.of(firstByteMicros) : null,
                requests > 0 ? allocatedBytes / (double) requests : 0, checksPerRequest, flaggedPerRequest,
                checkMicrosPerRequest);
    }

    /** How many were recorded, and percentiles in microseconds (zeros when nothing succeeded). */
    record Latency(long count, long p50, long p90, long p99, long max) {
        static Latency of(Histogram histogram) {
            if (histogram.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0, 0);
            }
            return new Latency(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                    histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99), histogram.getMaxValue());
        }
    }
}
