package io.turnpike.streamjobs.clickhouse;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationTest {

    @Test
    void takesTheVersionFromTheFileName() {
        Migration migration = Migration.parse("0007_add_rollups.sql", "CREATE TABLE IF NOT EXISTS x (a UInt8) ENGINE = Log");

        assertThat(migration.version()).isEqualTo(7);
        assertThat(migration.name()).isEqualTo("0007_add_rollups.sql");
    }

    @Test
    void rejectsFileNamesWithoutAFourDigitVersion() {
        assertThatThrownBy(() -> Migration.parse("7_add.sql", "SELECT 1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Migration.parse("0007-add.sql", "SELECT 1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void splitsOnLineEndingSemicolonsAndDropsCommentLines() {
        String sql = """
                -- first; not a statement end
                CREATE TABLE IF NOT EXISTS a (s String DEFAULT 'x;y') ENGINE = Log;
                  -- indented comment
                CREATE TABLE IF NOT EXISTS b (n UInt8) ENGINE = Log ;
                """;

        assertThat(Migration.splitStatements(sql)).containsExactly(
                "CREATE TABLE IF NOT EXISTS a (s String DEFAULT 'x;y') ENGINE = Log",
                "CREATE TABLE IF NOT EXISTS b (n UInt8) ENGINE = Log");
    }

    @Test
    void refusesAMigrationWithoutStatements() {
        assertThatThrownBy(() -> Migration.parse("0002_empty.sql", "-- nothing yet\n"))
                .hasMessageContaining("no statements");
    }

    @Test
    void changedContentChangesTheChecksum() {
        assertThat(Migration.parse("0001_a.sql", "SELECT 1").checksum())
                .isEqualTo(Migration.parse("0001_a.sql", "SELECT 1").checksum())
                .isNotEqualTo(Migration.parse("0001_a.sql", "SELECT 2").checksum());
    }

    @Test
    void rejectsAListWhoseVersionsDoNotIncrease() {
        Migration one = Migration.parse("0001_a.sql", "SELECT 1");
        Migration two = Migration.parse("0002_b.sql", "SELECT 1");

        assertThat(Migrations.inOrder(List.of(one, two))).containsExactly(one, two);
        assertThatThrownBy(() -> Migrations.inOrder(List.of(two, one))).hasMessageContaining("out of order");
        assertThatThrownBy(() -> Migrations.inOrder(List.of(one, one))).hasMessageContaining("out of order");
    }

    @Test
    void indexListsEveryShippedMigrationFileInVersionOrder() throws IOException, URISyntaxException {
        Path folder = Path.of(getClass().getClassLoader().getResource(Migrations.FOLDER).toURI());
        List<String> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }

        List<Migration> shipped = Migrations.fromClasspath();

        assertThat(shipped).extracting(Migration::name).containsExactlyElementsOf(files);
        assertThat(shipped.get(0).name()).isEqualTo("0001_request_log.sql");
    }

    @Test
    void everyShippedStatementIsSafeToRunTwice() {
        for (Migration migration : Migrations.fromClasspath()) {
            assertThat(migration.statements()).allSatisfy(statement ->
                    assertThat(statement.toUpperCase(java.util.Locale.ROOT).contains("IF NOT EXISTS")
                            || AddColumnGuard.of(statement).isPresent())
                            .as(migration.name() + ": IF NOT EXISTS, or an ADD COLUMN the migrator guards").isTrue());
        }
    }
}
