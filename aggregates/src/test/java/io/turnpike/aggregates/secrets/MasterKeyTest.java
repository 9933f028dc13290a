package io.turnpike.aggregates.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeyTest {
    @TempDir
    Path home;
    private final SecureRandom random = new SecureRandom();

    @Test
    void generatesOwnerOnlyKeyFileOnFirstLoadAndReusesIt() throws Exception {
        byte[] first = MasterKey.load(home, null, random);
        Path file = home.resolve("master.key");
        assertThat(first).hasSize(32);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(MasterKey.load(home, null, random)).isEqualTo(first);
    }

    @Test
    void environmentValueWinsAndCreatesNoFile() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        assertThat(MasterKey.load(home, Base64.getEncoder().encodeToString(key), random)).isEqualTo(key);
        assertThat(home.resolve("master.key")).doesNotExist();
    }

    @Test
    void rejectsEnvironmentValueOfWrongLength() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> MasterKey.load(home, shortKey, random))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes");
    }

    @Test
    void rejectsCorruptKeyFileInsteadOfReplacingIt() throws Exception {
        Files.writeString(home.resolve("master.key"), "not-a-key");
        assertThatThrownBy(() -> MasterKey.load(home, null, random)).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(home.resolve("master.key"))).isEqualTo("not-a-key");
    }
}
