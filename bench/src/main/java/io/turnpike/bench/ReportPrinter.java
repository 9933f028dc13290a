package io.turnpike.bench;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The printed report: machine facts, a block per scenario, then one summary table to compare them at a glance. */
final class ReportPrinter {
    private final PrintStream out;

    ReportPrinter(PrintStream out) {
        this.out = out;
    }

    void header(MachineFacts machine, BenchOptions options, Instant startedAt) {
        line("Turnpike bench, %s", startedAt);
        line("machine  %d cores · %s · max heap %d MiB · GC %s · %s", machine.cores(), machine.jvm(),
                machine.maxHeapMiB(), machine.garbageCollectors(), machine.os());
        line("run      %d requests per scenario in %d interleaved rounds · %d virtual users · %d warm-up requests "
                        + "per scenario · upstream delay %d ms", options.requests(), options.rounds(),
                options.concurrency(), options.warmup(), options.upstreamDelay().toMillis());
        line("alloc    heap bytes allocated by all JVM threads (client + proxy + fake upstream) per measured request");
        line("");
    }

    void print(BenchReport report) {
        for (ScenarioSummary summary : report.scenarios()) {
            scenario(report, summary);
        }
        summaryTable(report);
    }

    private void scenario(BenchReport report, ScenarioSummary s) {
        line("%s — %s", s.scenario().wireName(), s.scenario().description());
        line("  requests     %d   errors %d   throughput %.1f req/s", s.requests(), s.errors(),
                s.throughputPerSecond());
        ScenarioResult.Latency l = s.latency();
        line("  latency ms   p50 %s   p90 %s   p99 %s   max %s", ms(l.p50()), ms(l.p90()), ms(l.p99()), ms(l.max()));
        if (s.firstByte() != null) {
            line("  TTFB ms      p50 %s   p99 %s", ms(s.firstByte().p50()), ms(s.firstByte().p99()));
        }
        report.overhead(s).ifPresent(o -> line("  vs %-18s p50 %s (%+d µs)   p99 %s   alloc %+.1f KB/request",
                o.baseline().wireName(), ratio(o.p50Ratio()), o.p50DeltaMicros(), ratio(o.p99Ratio()),
                o.allocatedDeltaBytes() / 1024));
        line("  allocated    %.1f KB/request", s.allocatedBytesPerRequest() / 1024);
        if (s.guardrailChecksPerRequest() != null) {
            line("  guardrails   %.2f checks/request, %.2f flagged/request, checks' own time %.0f µs/request",
                    s.guardrailChecksPerRequest(), s.guardrailsFlaggedPerRequest(),
                    s.guardrailCheckMicrosPerRequest());
        }
        if (s.errors() > 0 || s.warmupErrors() > 0) {
            line("  ERRORS       %s; warm-up errors %d", statuses(s.errorsByStatus()), s.warmupErrors());
            line("  first error  %s", s.errorSample());
        }
        line("");
    }

    private void summaryTable(BenchReport report) {
        line("Summary (each scenario against its baseline from this run; ratios, not absolute times, carry over)");
        line("%-19s %6s %5s %8s %8s %8s %8s  %-14s %7s %8s %9s", "scenario", "req", "err", "req/s", "p50 ms",
                "p99 ms", "TTFB p50", "baseline", "p50 ×", "Δp50 µs", "KB/req");
        for (ScenarioSummary s : report.scenarios()) {
            var overhead = report.overhead(s);
            line("%-19s %6d %5d %8.1f %8s %8s %8s  %-14s %7s %8s %9.1f", s.scenario().wireName(), s.requests(),
                    s.errors(), s.throughputPerSecond(), ms(s.latency().p50()), ms(s.latency().p99()),
                    s.firstByte() == null ? "—" : ms(s.firstByte().p50()),
                    overhead.map(o -> o.baseline().wireName()).orElse("—"),
                    overhead.map(o -> ratio(o.p50Ratio())).orElse("—"),
                    overhead.map(o -> String.format(Locale.ROOT, "%+d", o.p50DeltaMicros())).orElse("—"),
                    s.allocatedBytesPerRequest() / 1024);
        }
        long errors = report.totalErrors();
        line(errors == 0 ? "no errors" : "ERRORS: %d requests failed (see the scenario blocks above)", errors);
    }

    private static String statuses(Map<Integer, Long> byStatus) {
        return byStatus.entrySet().stream()
                .map(e -> (e.getKey() < 0 ? "no response" : "HTTP " + e.getKey()) + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }

    private static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "×%.2f", ratio);
    }

    private void line(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
    }
}
