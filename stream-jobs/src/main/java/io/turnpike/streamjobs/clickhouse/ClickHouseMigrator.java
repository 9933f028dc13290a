package io.turnpike.streamjobs.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings a ClickHouse database up to the schema this code needs: creates the database if missing, then applies
 * the classpath migrations ({@code clickhouse/migrations/INDEX}) not yet recorded in {@code schema_migrations}.
 *
 * <p>Forward-only and safe to run repeatedly or from several processes at once: every statement is
 * {@code IF NOT EXISTS} (or, for {@code ADD COLUMN}, which 18.16 cannot guard, checked by {@link AddColumnGuard}), and {@code schema_migrations} is a ReplacingMergeTree keyed by version, so two
 * migrators that both apply a step record it once. A recorded step whose file name changed is refused, since an
 * applied migration must never be edited — add a new one instead.
 */
public final class ClickHouseMigrator {
    static final String HISTORY_TABLE = "schema_migrations";
    static final String CREATE_HISTORY_TABLE = """
            CREATE TABLE IF NOT EXISTS schema_migrations
            (
                version UInt32,
                name String,
                checksum String,
                applied_at DateTime('UTC')
            )
            ENGINE = ReplacingMergeTree()
            ORDER BY version""";
    static final String SELECT_APPLIED = "SELECT version, name FROM schema_migrations FINAL FORMAT JSONEachRow";

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseMigrator.class);

    private final SqlSession session;
    private final List<Migration> migrations;
    private final Clock clock;

    /** Migrates the database of {@code client} with the migrations shipped in this jar. */
    public ClickHouseMigrator(ClickHouseClient client) {
        this(client, Migrations.fromClasspath(), Clock.systemUTC());
    }

    ClickHouseMigrator(SqlSession session, List<Migration> migrations, Clock clock) {
        this.session = session;
        this.migrations = Migrations.inOrder(migrations);
        this.clock = clock;
    }

    /** Convenience for launchers: connect, migrate, disconnect. Returns the file names applied by this call. */
    public static List<String> migrate(ClickHouseConnection connection) {
        try (ClickHouseClient client = new ClickHouseClient(connection)) {
            return new ClickHouseMigrator(client).migrate();
        }
    }

    /** Applies the pending migrations in order and returns their file names (empty when up to date). */
    public List<String> migrate() {
        session.createDatabaseIfMissing();
        session.execute(CREATE_HISTORY_TABLE);
        Map<Integer, String> applied = appliedVersions();
        List<String> appliedNow = new ArrayList<>();
        for (Migration migration : migrations) {
            String recorded = applied.get(migration.version());
            if (recorded != null) {
                if (!recorded.equals(migration.name())) {
                    throw new IllegalStateException("schema version " + migration.version() + " was applied as "
                            + recorded + " but this build calls it " + migration.name()
                            + "; applied migrations must not be renamed or replaced");
                }
                continue;
            }
            for (String statement : migration.statements()) {
                apply(statement);
            }
            session.insertJsonEachRow(HISTORY_TABLE, List.of(historyRow(migration)));
            appliedNow.add(migration.name());
            LOG.info("Applied ClickHouse migration {}", migration.name());
        }
        return appliedNow;
    }

    private void apply(String statement) {
        if (alreadyDone(statement)) {
            return;
        }
        try {
            session.execute(statement);
        } catch (RuntimeException e) {
            // Another migrator may have added the column between our check and our ALTER.
            if (!alreadyDone(statement)) {
                throw e;
            }
        }
    }

    private boolean alreadyDone(String statement) {
        return AddColumnGuard.of(statement)
                .map(column -> session.queryJsonEachRow(column.existsQuery()).stream()
                        .anyMatch(row -> row.path("n").asLong() > 0))
                .orElse(false);
    }

    private Map<Integer, String> appliedVersions() {
        Map<Integer, String> applied = new HashMap<>();
        for (JsonNode row : session.queryJsonEachRow(SELECT_APPLIED)) {
            applied.put(row.get("version").asInt(), row.get("name").asText());
        }
        return applied;
    }

    private Map<String, Object> historyRow(Migration migration) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("version", migration.version());
        row.put("name", migration.name());
        row.put("checksum", migration.checksum());
        row.put("applied_at", ClickHouseDateTime.format(clock.instant()));
        return row;
    }
}
