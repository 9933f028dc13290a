package io.turnpike.streamjobs.clickhouse;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ClickHouse 18.16 has no {@code ADD COLUMN IF NOT EXISTS}. A migration step {@code ALTER TABLE t ADD COLUMN c …}
 * is therefore checked against {@code system.columns} first and skipped when {@code c} is already there, so it stays
 * safe to re-run and to race with another migrator, as every other step is.
 */
final class AddColumnGuard {
    private static final Pattern ADD_COLUMN = Pattern.compile(
            "(?is)^\\s*ALTER\\s+TABLE\\s+`?([A-Za-z_][A-Za-z0-9_]*)`?\\s+ADD\\s+COLUMN\\s+`?([A-Za-z_][A-Za-z0-9_]*)`?\\s.*");

    record TableColumn(String table, String column) {
        /** Counts the column in the session's database; identifiers are plain names (checked by the pattern). */
        String existsQuery() {
            return "SELECT count() AS n FROM system.columns WHERE database = currentDatabase() AND table = '"
                    + table + "' AND name = '" + column + "' FORMAT JSONEachRow";
        }
    }

    private AddColumnGuard() {
    }

    static Optional<TableColumn> of(String statement) {
        Matcher m = ADD_COLUMN.matcher(statement);
        if (!m.matches() || statement.toUpperCase(java.util.Locale.ROOT).contains("IF NOT EXISTS")) {
            return Optional.empty();
        }
        return Optional.of(new TableColumn(m.group(1), m.group(2)));
    }
}
