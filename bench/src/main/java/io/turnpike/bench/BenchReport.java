package io.turnpike.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One run: where, how, and every scenario's numbers with its overhead against the baseline from the same run. */
record BenchReport(Instant startedAt, MachineFacts machine, BenchOptions options, List<ScenarioSummary> scenarios) {
    private static final ObjectMapper JSON = new ObjectMapper();

    BenchReport {
        scenarios = List.copyOf(scenarios);
    }

    Optional<ScenarioSummary> scenario(Scenario scenario) {
        return scenarios.stream().filter(s -> s.scenario() == scenario).findFirst();
    }

    /** Against the scenario's baseline; empty for the direct scenarios (BenchOptions always adds the baseline). */
    Optional<ScenarioSummary.Overhead> overhead(ScenarioSummary summary) {
        return summary.scenario().baseline().flatMap(this::scenario).map(summary::overheadAgainst);
    }

    long totalErrors() {
        return scenarios.stream().mapToLong(s -> s.errors() + s.warmupErrors()).sum();
    }

    void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), toJson());
    }

    ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("started_at", startedAt.toString());
        ObjectNode machineNode = root.putObject("machine");
        machineNode.put("cores", machine.cores());
        machineNode.put("jvm", machine.jvm());
        machineNode.put("max_heap_mib", machine.maxHeapMiB());
        machineNode.put("garbage_collectors", machine.garbageCollectors());
        machineNode.put("os", machine.os());
        ObjectNode run = root.putObject("run");
        run.put("requests_per_scenario", options.requests());
        run.put("concurrency", options.concurrency());
        run.put("warmup_per_scenario", options.warmup());
        run.put("rounds", options.rounds());
        run.put("upstream_delay_ms", options.upstreamDelay().toMillis());
        ArrayNode list = root.putArray("scenarios");
        for (ScenarioSummary summary : scenarios) {
            ObjectNode node = list.addObject();
            node.put("name", summary.scenario().wireName());
            node.put("description", summary.scenario().description());
            node.put("streaming", summary.scenario().streaming());
            node.put("requests", summary.requests());
            node.put("errors", summary.errors());
            ObjectNode statuses = node.putObject("errors_by_status");
            summary.errorsByStatus().forEach((status, count) -> statuses.put(String.valueOf(status), count));
            node.put("error_sample", summary.errorSample());
            node.put("warmup_errors", summary.warmupErrors());
            node.put("throughput_per_second", summary.throughputPerSecond());
            latency(node.putObject("latency_micros"), summary.latency());
            if (summary.firstByte() != null) {
                latency(node.putObject("first_byte_micros"), summary.firstByte());
            }
            node.put("allocated_bytes_per_request", summary.allocatedBytesPerRequest());
            if (summary.guardrailChecksPerRequest() != null) {
                node.put("guardrail_checks_per_request", summary.guardrailChecksPerRequest());
                node.put("guardrails_flagged_per_request", summary.guardrailsFlaggedPerRequest());
                node.put("guardrail_check_micros_per_request", summary.guardrailCheckMicrosPerRequest());
            }
            overhead(summary).ifPresent(overhead -> {
                ObjectNode o = node.putObject("overhead");
                o.put("baseline", overhead.baseline().wireName());
                o.put("p50_ratio", overhead.p50Ratio());
                o.put("p50_delta_micros", overhead.p50DeltaMicros());
                o.put("p99_ratio", overhead.p99Ratio());
                o.put("allocated_delta_bytes_per_request", overhead.allocatedDeltaBytes());
            });
        }
        return root;
    }

    private static void latency(ObjectNode node, ScenarioResult.Latency latency) {
        node.put("count", latency.count());
        node.put("p50", latency.p50());
        node.put("p90", latency.p90());
        node.put("p99", latency.p99());
        node.put("max", latency.max());
    }
}
