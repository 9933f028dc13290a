package io.turnpike.aggregates;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@link Governance} on PostgreSQL at 127.0.0.1:5432/test. Each test gets its own random schema (selected through
 * {@code currentSchema}) so runs never see each other's events; the schema is dropped afterwards.
 */
class GovernancePostgresIT extends GovernanceContract {
    @TempDir
    Path home;
    private PostgresTestSchema schema;

    @BeforeEach
    void createSchema() throws SQLException {
        schema = PostgresTestSchema.create();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        schema.drop();
    }

    @Override
    GovernanceOptions options() {
        return new GovernanceOptions(home, schema.url(), PostgresTestSchema.USER, "");
    }

    @Override
    <T> T query(SqlQuery<T> query) {
        try (Connection connection = schema.connect()) {
            return query.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
