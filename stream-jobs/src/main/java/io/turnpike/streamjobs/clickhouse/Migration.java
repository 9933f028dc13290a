package io.turnpike.streamjobs.clickhouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One forward-only schema step: a {@code NNNN_description.sql} file holding one or more statements separated by
 * a {@code ;} at the end of a line. Every statement must be idempotent ({@code IF NOT EXISTS}), because two
 * migrators may run the same step at once and a step may be re-run after a crash before it was recorded.
 */
record Migration(int version, String name, List<String> statements, String checksum) {
    private static final Pattern FILE_NAME = Pattern.compile("(\\d{4})_[a-z0-9_]+\\.sql");
    private static final Pattern STATEMENT_END = Pattern.compile(";[ \\t]*(?:\\r?\\n|$)");

    Migration {
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("migration " + name + " has no statements");
        }
    }

    static Migration parse(String fileName, String sql) {
        Matcher matcher = FILE_NAME.matcher(fileName);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("migration file name must look like 0001_name.sql: " + fileName);
        }
        return new Migration(Integer.parseInt(matcher.group(1)), fileName, splitStatements(sql), sha256(sql));
    }

    /** Drops whole-line {@code --} comments, then splits on a semicolon that ends a line. */
    static List<String> splitStatements(String sql) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : sql.split("\\r?\\n", -1)) {
            if (!line.stripLeading().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : STATEMENT_END.split(withoutComments)) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
