package io.turnpike.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bin/turnpike bench}: proxy and guardrail overhead, printed as a report of ratios within one run. */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "turnpike bench 0.1.0",
        description = "Load one in-process proxy in front of a fake upstream and report latency, throughput and "
                + "allocation per scenario, each compared with a baseline measured in the same run.")
public final class Bench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--requests", defaultValue = "2000",
            description = "Measured requests per scenario (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--concurrency", defaultValue = "4",
            description = "Virtual users sending back to back (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--warmup", defaultValue = "500",
            description = "Unmeasured requests per scenario first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rounds", defaultValue = "5",
            description = "Rounds in which the scenarios take turns (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--scenarios", split = ",", defaultValue = "all",
            description = "Comma-separated scenarios or 'all' (default); their baselines are always added. "
                    + "Known: direct, proxy, input-guardrails, input-redact, direct-stream, proxy-stream, "
                    + "output-incremental, output-hold.")
    List<String> scenarios;

    @Option(names = "--upstream-delay-ms", defaultValue = "0",
            description = "Fake upstream think time before answering (default ${DEFAULT-VALUE}).")
    long upstreamDelayMillis;

    @Option(names = "--json", description = "Also write the report as JSON to this file.")
    Path json;

    public static void main(String[] args) {
        // The proxy's test-jar carries a logback-test.xml, which logback would prefer to the bench's own.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "turnpike-bench-logback.xml");
        }
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchOptions options = options();
        BenchReport report = BenchRun.run(options, System.out);
        return report.totalErrors() == 0 ? 0 : 1;
    }

    /** The options as given, checked; a bad value is a usage error naming the option. */
    BenchOptions options() {
        try {
            List<Scenario> chosen = scenarios.size() == 1 && scenarios.get(0).trim().equals("all")
                    ? Arrays.asList(Scenario.values())
                    : scenarios.stream().map(Scenario::fromWireName).toList();
            return new BenchOptions(requests, concurrency, warmup, rounds, chosen,
                    Duration.ofMillis(upstreamDelayMillis), json);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage().startsWith("--") ? e.getMessage() : "--scenarios: " + e.getMessage();
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    /** For tests: parses like the command line does, without running. */
    static BenchOptions parse(String... args) {
        Bench bench = new Bench();
        new CommandLine(bench).parseArgs(args);
        return bench.options();
    }
}
