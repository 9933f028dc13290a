package io.turnpike.aggregates;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GovernanceOptionsTest {
    private static final Path HOME = Path.of("/tmp/turnpike-home");
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/turnpike";

    @Test
    void aPostgresStoreFollowsOtherReplicasEverySecondByDefault() {
        GovernanceOptions options = new GovernanceOptions(HOME, POSTGRES, "turnpike", "");

        assertThat(options.replicaPollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.followsReplicas()).isTrue();
    }

    @Test
    void aZeroIntervalOrTheEmbeddedStoreDoesNotFollow() {
        assertThat(new GovernanceOptions(HOME, POSTGRES, "turnpike", "").withReplicaPollInterval(Duration.ZERO)
                .followsReplicas()).isFalse();
        assertThat(GovernanceOptions.embedded(HOME).withReplicaPollInterval(Duration.ofMillis(200)).followsReplicas())
                .as("only one process can open the H2 file").isFalse();
    }

    @Test
    void aNegativeOrSubMillisecondIntervalIsRefusedNamingTheField() {
        GovernanceOptions options = new GovernanceOptions(HOME, POSTGRES, "turnpike", "");

        assertThatThrownBy(() -> options.withReplicaPollInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replicaPollInterval");
        assertThatThrownBy(() -> options.withReplicaPollInterval(Duration.ofNanos(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replicaPollInterval");
    }
}
