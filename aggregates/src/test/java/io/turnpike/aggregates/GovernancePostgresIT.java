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
 * {@link Governance} on PostgreSQL at 127.0.0.1:5432/test. Each test gets its own random schema (selected through
 * {@code currentSchema}) so runs never see each other's events; the schema is dropped afterwards.
 */
class GovernancePostgresIT extends GovernanceContract {
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

    private String url() {
        return DATABASE + "?currentSchema=" + schema;
    }

    @Override
    GovernanceOptions options() {
        return new GovernanceOptions(home, url(), USER, "");
    }

    @Override
    <T> T query(SqlQuery<T> query) {
        try (Connection connection = DriverManager.getConnection(url(), USER, "")) {
            return query.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
