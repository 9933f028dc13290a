package io.turnpike.aggregates;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * A throw-away schema in PostgreSQL at 127.0.0.1:5432/test (trust auth), selected through {@code currentSchema}, so
 * test runs never see each other's events. Create one per test, {@link #drop()} it afterwards.
 */
final class PostgresTestSchema {
    static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    private final String name;

    private PostgresTestSchema(String name) {
        this.name = name;
    }

    static PostgresTestSchema create() throws SQLException {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        PostgresTestSchema schema = new PostgresTestSchema("tp_it_" + HexFormat.of().formatHex(random));
        execute("CREATE SCHEMA " + schema.name);
        return schema;
    }

    String url() {
        return DATABASE + "?currentSchema=" + name;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    void drop() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(DATABASE, USER, "")) {
            connection.createStatement().execute(sql);
        }
    }
}
