package io.turnpike.streamjobs.clickhouse;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClickHouseMigratorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private static final Migration FIRST = Migration.parse("0001_a.sql",
            "CREATE TABLE IF NOT EXISTS a (n UInt8) ENGINE = Log;\nCREATE TABLE IF NOT EXISTS a2 (n UInt8) ENGINE = Log;");
    private static final Migration SECOND = Migration.parse("0002_b.sql",
            "CREATE TABLE IF NOT EXISTS b (n UInt8) ENGINE = Log");

    private final FakeSqlSession session = new FakeSqlSession();

    @Test
    void createsDatabaseAndHistoryThenAppliesEveryStatementInOrder() {
        List<String> applied = new ClickHouseMigrator(session, List.of(FIRST, SECOND), CLOCK).migrate();

        assertThat(applied).containsExactly("0001_a.sql", "0002_b.sql");
        assertThat(session.log).containsExactly(
                "CREATE DATABASE",
                ClickHouseMigrator.CREATE_HISTORY_TABLE,
                ClickHouseMigrator.SELECT_APPLIED,
                "CREATE TABLE IF NOT EXISTS a (n UInt8) ENGINE = Log",
                "CREATE TABLE IF NOT EXISTS a2 (n UInt8) ENGINE = Log",
                "INSERT INTO schema_migrations",
                "CREATE TABLE IF NOT EXISTS b (n UInt8) ENGINE = Log",
                "INSERT INTO schema_migrations");
    }

    @Test
    void recordsVersionNameChecksumAndTime() {
        new ClickHouseMigrator(session, List.of(FIRST), CLOCK).migrate();

        assertThat(session.history).singleElement().satisfies(row -> {
            assertThat(row.get("version")).isEqualTo(1);
            assertThat(row.get("name")).isEqualTo("0001_a.sql");
            assertThat(row.get("checksum")).isEqualTo(FIRST.checksum());
            assertThat(row.get("applied_at")).isEqualTo("2026-11-25 10:00:00");
        });
    }

    @Test
    void appliesOnlyWhatIsNewOnLaterRuns() {
        new ClickHouseMigrator(session, List.of(FIRST), CLOCK).migrate();
        session.log.clear();

        List<String> again = new ClickHouseMigrator(session, List.of(FIRST), CLOCK).migrate();
        List<String> withSecond = new ClickHouseMigrator(session, List.of(FIRST, SECOND), CLOCK).migrate();

        assertThat(again).isEmpty();
        assertThat(withSecond).containsExactly("0002_b.sql");
        assertThat(session.log).filteredOn(s -> s.contains("TABLE IF NOT EXISTS a")).isEmpty();
        assertThat(session.history).hasSize(2);
    }

    @Test
    void refusesWhenAnAppliedVersionNowHasAnotherFile() {
        new ClickHouseMigrator(session, List.of(FIRST), CLOCK).migrate();
        Migration replaced = Migration.parse("0001_rewritten.sql", "CREATE TABLE IF NOT EXISTS z (n UInt8) ENGINE = Log");

        assertThatThrownBy(() -> new ClickHouseMigrator(session, List.of(replaced), CLOCK).migrate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0001_a.sql")
                .hasMessageContaining("0001_rewritten.sql");
    }

    @Test
    void skipsAnAddColumnStepWhenTheColumnIsAlreadyThere() {
        Migration addColumn = Migration.parse("0003_c.sql", "ALTER TABLE a ADD COLUMN extra UInt64 DEFAULT 0");
        session.existingColumns.add("a.extra");

        assertThat(new ClickHouseMigrator(session, List.of(addColumn), CLOCK).migrate()).containsExactly("0003_c.sql");

        assertThat(session.log).noneMatch(sql -> sql.startsWith("ALTER TABLE"));
        assertThat(session.history).hasSize(1);
    }

    @Test
    void runsAnAddColumnStepWhenTheColumnIsMissing() {
        Migration addColumn = Migration.parse("0003_c.sql", "ALTER TABLE a ADD COLUMN extra UInt64 DEFAULT 0");

        new ClickHouseMigrator(session, List.of(addColumn), CLOCK).migrate();

        assertThat(session.log).contains("ALTER TABLE a ADD COLUMN extra UInt64 DEFAULT 0");
    }

    @Test
    void recognisesOnlyPlainAddColumnStatements() {
        assertThat(AddColumnGuard.of("alter table `request_log` add column `x` UInt8")).get()
                .isEqualTo(new AddColumnGuard.TableColumn("request_log", "x"));
        assertThat(AddColumnGuard.of("ALTER TABLE t ADD COLUMN IF NOT EXISTS x UInt8")).isEmpty();
        assertThat(AddColumnGuard.of("ALTER TABLE t DROP COLUMN x")).isEmpty();
        assertThat(AddColumnGuard.of("CREATE TABLE IF NOT EXISTS t (n UInt8) ENGINE = Log")).isEmpty();
    }
}
