package io.turnpike.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void aChosenScenarioBringsItsBaselinesAlong() {
        BenchOptions options = Bench.parse("--scenarios", "output-hold");

        assertThat(options.scenarios()).containsExactly(Scenario.DIRECT_STREAM, Scenario.PROXY_STREAM,
                Scenario.OUTPUT_HOLD);
    }

    @Test
    void allIsEveryScenario() {
        assertThat(Bench.parse().scenarios()).containsExactly(Scenario.values());
    }

    @Test
    void requestsAreSpreadOverTheRoundsWithNoneLost() {
        BenchOptions options = Bench.parse("--requests", "7", "--rounds", "3");

        assertThat(IntStream.range(0, 3).map(options::requestsInRound)).containsExactly(3, 2, 2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--requests|0|--requests must be at least 1 (was 0)",
            "--concurrency|-1|--concurrency must be at least 1 (was -1)",
            "--warmup|-5|--warmup must be at least 0 (was -5)",
            "--rounds|0|--rounds must be at least 1 (was 0)",
            "--upstream-delay-ms|-1|--upstream-delay-ms must not be negative (was -1)",
            "--scenarios|proxy,sideways|--scenarios: unknown scenario 'sideways'; expected one of direct, proxy,"})
    void aBadValueIsAUsageErrorNamingTheOption(String option, String value, String message) {
        assertThatThrownBy(() -> Bench.parse(option, value))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining(message);
    }
}
