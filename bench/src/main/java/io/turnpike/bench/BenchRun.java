package io.turnpike.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run: start the rig, warm every scenario up, then let the scenarios take turns for {@code rounds} rounds
 * (each round starting one scenario later) so that a noisy neighbour or a GC cycle spreads over all of them rather
 * than landing on one — the ratios are only fair because each baseline ran interleaved with what it is compared to.
 */
final class BenchRun {
    private BenchRun() {
    }

    static BenchReport run(BenchOptions options, PrintStream out) throws IOException, InterruptedException {
        Instant startedAt = Instant.now();
        MachineFacts machine = MachineFacts.ofThisJvm();
        ReportPrinter printer = new ReportPrinter(out);
        printer.header(machine, options, startedAt);
        List<Scenario> scenarios = options.scenarios();
        Map<Scenario, ScenarioResult> results = new EnumMap<>(Scenario.class);
        scenarios.forEach(scenario -> results.put(scenario, new ScenarioResult(scenario)));
        try (BenchRig rig = BenchRig.start(options.upstreamDelay());
             LoadGenerator load = new LoadGenerator(options.concurrency())) {
            if (options.warmup() > 0) {
                long start = System.nanoTime();
                for (Scenario scenario : scenarios) {
                    results.get(scenario).addWarmup(runOnce(rig, load, scenario, options.warmup()));
                }
                progress(out, "warm-up done in %.1f s", (System.nanoTime() - start) / 1e9);
            }
            for (int round = 0; round < options.rounds(); round++) {
                int requests = options.requestsInRound(round);
                if (requests == 0) {
                    continue;
                }
                long start = System.nanoTime();
                for (int i = 0; i < scenarios.size(); i++) {
                    Scenario scenario = scenarios.get((i + round) % scenarios.size());
                    results.get(scenario).add(runOnce(rig, load, scenario, requests));
                }
                progress(out, "round %d/%d done in %.1f s", round + 1, options.rounds(),
                        (System.nanoTime() - start) / 1e9);
            }
            out.println();
            List<ScenarioSummary> summaries = new ArrayList<>();
            for (Scenario scenario : scenarios) {
                summaries.add(results.get(scenario).summarize(rig.sink().counts(BenchRig.keyId(scenario))));
            }
            BenchReport report = new BenchReport(startedAt, machine, options, summaries);
            printer.print(report);
            if (options.jsonFile() != null) {
                report.writeJson(options.jsonFile());
                out.println("JSON report written to " + options.jsonFile());
            }
            return report;
        }
    }

    private static LoadSample runOnce(BenchRig rig, LoadGenerator load, Scenario scenario, int requests)
            throws InterruptedException {
        LoadSample sample = load.run(rig.request(scenario), scenario.streaming(), requests);
        rig.forgetUpstreamRequests();
        return sample;
    }

    private static void progress(PrintStream out, String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
    }
}
