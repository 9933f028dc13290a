package io.turnpike.aggregates;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Governance} on the embedded H2 file store, a fresh installation directory per test. */
class GovernanceEmbeddedIT extends GovernanceContract {
    @TempDir
    Path home;

    @Override
    GovernanceOptions options() {
        return GovernanceOptions.embedded(home);
    }

    @Override
    <T> T query(SqlQuery<T> query) {
        String url = "jdbc:h2:file:" + home.resolve("eventstore").resolve("events").toAbsolutePath();
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            return query.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void refusesToStartWhenTheMasterKeyDoesNotOpenStoredSecrets() throws Exception {
        try (Governance governance = start()) {
            seed(governance);
        }
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        Files.writeString(home.resolve("master.key"), Base64.getEncoder().encodeToString(otherKey));

        assertThatThrownBy(this::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("provider 'anthropic'")
                .hasMessageNotContaining(ANTHROPIC_SECRET);
    }

    @Test
    void firstStartGeneratesOwnerOnlyMasterKeyAndKeepsItAcrossRestarts() throws Exception {
        start().close();
        Path keyFile = home.resolve("master.key");
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String firstKey = Files.readString(keyFile);
        start().close();
        assertThat(Files.readString(keyFile)).isEqualTo(firstKey);
    }
}
