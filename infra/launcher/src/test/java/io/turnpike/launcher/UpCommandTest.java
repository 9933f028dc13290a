package io.turnpike.launcher;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Options of {@code turnpike up} as users write them (parsed only: nothing starts). */
class UpCommandTest {

    private static UpCommand parse(String... args) {
        UpCommand command = new UpCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void theStreamJobsRunInProcessUnlessTurnedOffForAFlinkCluster() {
        assertThat(parse().streamJobs).isEqualTo(UpCommand.StreamJobsMode.IN_PROCESS);
        assertThat(parse("--stream-jobs", "off").streamJobs).isEqualTo(UpCommand.StreamJobsMode.OFF);
        assertThat(parse("--stream-jobs", " In-Process ").streamJobs).isEqualTo(UpCommand.StreamJobsMode.IN_PROCESS);
    }

    @Test
    void anUnknownStreamJobsModeIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> parse("--stream-jobs", "cluster"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--stream-jobs")
                .hasMessageContaining("expected in-process or off, was 'cluster'");
    }
}
