package io.turnpike.aggregates;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The budget invariant on PostgreSQL with two Governance instances on one store, as two gateway replicas: each has
 * its own aggregate lock and cache, so only the event table's unique (aggregate, sequence) key keeps them honest.
 */
class BudgetConcurrencyPostgresIT extends BudgetConcurrencyContract {
    private static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String USER = "postgres";

    @TempDir
    Path home;
    private String schema;

    @BeforeEach
    void createSchema() throws SQLException {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        schema = "tp_it_" + HexFormat.of().formatHex(random);
        execute("CREATE SCHEMA " + schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(DATABASE, USER, "")) {
            connection.createStatement().execute(sql);
        }
    }

    @Override
    GovernanceOptions options() {
        return new GovernanceOptions(home, DATABASE + "?currentSchema=" + schema, USER, "");
    }

    @Override
    int replicas() {
        return 2;
    }
}
