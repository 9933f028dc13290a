package io.turnpike.bench;

import org.HdrHistogram.Histogram;

import java.util.Map;

/**
 * What one run of a scenario measured.
 *
 * @param latencyMicros   send to last body byte, successful requests only
 * @param firstByteMicros send to first body byte (streams), successful requests only
 * @param errorsByStatus  non-200 answers and broken exchanges (status -1) or incomplete streams (status 200)
 * @param errorSample     the first error: status and the start of its body; null when there was none
 */
record LoadSample(int requests, Histogram latencyMicros, Histogram firstByteMicros, Map<Integer, Long> errorsByStatus,
                  String errorSample, long elapsedNanos, long allocatedBytes) {

    long errors() {
        return errorsByStatus.values().stream().mapToLong(Long::longValue).sum();
    }
}
