package io.turnpike.aggregates;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The budget invariant on the embedded H2 store: one process, so Axon's aggregate lock serializes the commands. */
class BudgetConcurrencyEmbeddedIT extends BudgetConcurrencyContract {
    @TempDir
    Path home;

    @Override
    GovernanceOptions options() {
        return GovernanceOptions.embedded(home);
    }

    @Override
    int replicas() {
        return 1;
    }
}
