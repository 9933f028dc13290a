package io.turnpike.query.logs;

/**
 * Quotes values as ClickHouse SQL literals. ClickHouse 18.16 has no server-side query parameters, so every value
 * that comes from a caller goes through here — never concatenated raw.
 */
public final class SqlLiterals {
    private SqlLiterals() {
    }

    /** A single-quoted string literal with backslash, quote and control characters escaped. */
    public static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\0' -> out.append("\\0");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /** An unsigned integer literal; rejects negatives so a caller can never smuggle an expression in. */
    public static String unsigned(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("expected an unsigned value, got " + value);
        }
        return Long.toString(value);
    }

    /** A quoted identifier (database or table name) restricted to a safe alphabet. */
    public static String identifier(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("invalid ClickHouse identifier: " + name);
        }
        return "`" + name + "`";
    }
}
