package io.turnpike.aggregates;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The budget invariant on PostgreSQL with two Governance instances on one store, as two gateway replicas: each has
 * its own aggregate lock and cache, so only the event table's unique (aggregate, sequence) key keeps them honest.
 */
class BudgetConcurrencyPostgresIT extends BudgetConcurrencyContract {
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
    int replicas() {
        return 2;
    }
}
