package io.turnpike.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness end to end with tiny numbers: every scenario runs, every request is answered and measured, and the
 * guardrail scenarios really ran their guardrails. No timing is asserted — timings are for the printed report.
 */
class BenchSmokeTest {
    private static final int REQUESTS = 20;

    @TempDir
    Path folder;

    @Test
    void everyScenarioAnswersEveryRequestAndTheReportSaysSo() throws Exception {
        Path json = folder.resolve("report.json");
        BenchOptions options = Bench.parse("--requests", String.valueOf(REQUESTS), "--concurrency", "2",
                "--warmup", "5", "--rounds", "2", "--json", json.toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        BenchReport report = BenchRun.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(report.scenarios()).extracting(ScenarioSummary::scenario).containsExactly(Scenario.values());
        assertThat(report.scenarios()).allSatisfy(summary -> {
            assertThat(summary.requests()).as(summary.scenario().wireName()).isEqualTo(REQUESTS);
            assertThat(summary.errors()).as(summary.errorSample()).isZero();
            assertThat(summary.warmupErrors()).as(summary.errorSample()).isZero();
            assertThat(summary.latency().count()).isEqualTo(REQUESTS);
            assertThat(summary.firstByte() == null ? REQUESTS : summary.firstByte().count()).isEqualTo(REQUESTS);
            assertThat(summary.allocatedBytesPerRequest()).isPositive();
            assertThat(report.overhead(summary).isPresent()).isEqualTo(summary.scenario().viaProxy());
        });
        assertThat(report.totalErrors()).isZero();
        String text = printed.toString(StandardCharsets.UTF_8);
        for (Scenario scenario : Scenario.values()) {
            assertThat(text).contains(scenario.wireName() + " — ");
        }
        assertThat(text).contains("no errors").doesNotContain("ERRORS");
        JsonNode written = new ObjectMapper().readTree(json.toFile());
        List<String> names = new ArrayList<>();
        written.get("scenarios").forEach(node -> {
            names.add(node.get("name").asText());
            assertThat(node.get("requests").asInt()).isEqualTo(REQUESTS);
            assertThat(node.get("errors").asInt()).isZero();
        });
        assertThat(names).containsExactlyElementsOf(Arrays.stream(Scenario.values()).map(Scenario::wireName).toList());
    }

    @Test
    void theGuardrailScenariosRunTheirGuardrailsAndTheBaselinesRunNone() throws Exception {
        BenchOptions options = Bench.parse("--requests", "10", "--concurrency", "2", "--warmup", "0",
                "--rounds", "1", "--scenarios", "input-guardrails,input-redact");

        BenchReport report = BenchRun.run(options, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));

        ScenarioSummary deny = report.scenario(Scenario.INPUT_GUARDRAILS).orElseThrow();
        assertThat(deny.guardrailChecksPerRequest()).as("pii, promptInjection and regexMatch each give a verdict")
                .isEqualTo(3.0);
        assertThat(deny.guardrailsFlaggedPerRequest()).as("the prompt passes").isZero();
        ScenarioSummary redact = report.scenario(Scenario.INPUT_REDACT).orElseThrow();
        assertThat(redact.guardrailChecksPerRequest()).isEqualTo(1.0);
        assertThat(redact.guardrailsFlaggedPerRequest()).as("every request has emails to redact").isEqualTo(1.0);
        assertThat(report.scenario(Scenario.PROXY).orElseThrow().guardrailChecksPerRequest()).isZero();
        assertThat(report.scenario(Scenario.DIRECT).orElseThrow().guardrailChecksPerRequest()).isNull();
        assertThat(report.scenarios()).extracting(ScenarioSummary::scenario)
                .containsExactly(Scenario.DIRECT, Scenario.PROXY, Scenario.INPUT_GUARDRAILS, Scenario.INPUT_REDACT);
    }
}
