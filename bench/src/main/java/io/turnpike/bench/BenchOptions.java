package io.turnpike.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One run of the harness.
 *
 * @param requests      measured requests per scenario, spread evenly over the rounds
 * @param concurrency   virtual users, each sending requests back to back
 * @param warmup        requests per scenario before measuring (JIT, connection pools, compiled guardrails)
 * @param rounds        how many times the scenarios take turns; more rounds spread machine noise over all of them
 * @param scenarios     what to run, in report order; always includes the baselines of what was asked for
 * @param upstreamDelay how long the fake upstream waits before answering (a model's think time)
 * @param jsonFile      where to write the report as JSON as well; null: printed only
 */
record BenchOptions(int requests, int concurrency, int warmup, int rounds, List<Scenario> scenarios,
                    Duration upstreamDelay, Path jsonFile) {

    BenchOptions {
        requireAtLeast("--requests", requests, 1);
        requireAtLeast("--concurrency", concurrency, 1);
        requireAtLeast("--warmup", warmup, 0);
        requireAtLeast("--rounds", rounds, 1);
        Objects.requireNonNull(upstreamDelay, "upstreamDelay");
        if (upstreamDelay.isNegative()) {
            throw new IllegalArgumentException("--upstream-delay-ms must not be negative (was "
                    + upstreamDelay.toMillis() + ")");
        }
        if (scenarios == null || scenarios.isEmpty()) {
            throw new IllegalArgumentException("--scenarios must name at least one scenario: " + Scenario.allWireNames());
        }
        scenarios = withBaselines(scenarios);
    }

    private static void requireAtLeast(String option, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(option + " must be at least " + minimum + " (was " + value + ")");
        }
    }

    /** A ratio needs its baseline measured in the same run, so the baselines of every chosen scenario join it. */
    private static List<Scenario> withBaselines(List<Scenario> chosen) {
        Set<Scenario> all = EnumSet.noneOf(Scenario.class);
        for (Scenario scenario : chosen) {
            for (Scenario s = scenario; s != null; s = s.baseline().orElse(null)) {
                all.add(s);
            }
        }
        return List.copyOf(new ArrayList<>(all));
    }

    /** The measured requests of one round: the remainder goes to the first rounds. */
    int requestsInRound(int round) {
        return requests / rounds + (round < requests % rounds ? 1 : 0);
    }
}
