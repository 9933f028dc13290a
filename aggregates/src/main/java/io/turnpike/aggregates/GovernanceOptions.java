package io.turnpike.aggregates;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where {@link Governance} keeps its state.
 *
 * @param home               installation directory: holds {@code master.key} (unless {@code TURNPIKE_MASTER_KEY} is
 *                           set) and, without a JDBC URL, the embedded H2 event store under {@code eventstore/}
 * @param eventStoreJdbcUrl  PostgreSQL JDBC URL of the event store, or {@code null} for the embedded H2 store
 * @param eventStoreUser     database user (ignored for the embedded store)
 * @param eventStorePassword database password, may be {@code null} or empty
 */
public record GovernanceOptions(Path home, String eventStoreJdbcUrl, String eventStoreUser, String eventStorePassword) {
    public GovernanceOptions {
        Objects.requireNonNull(home, "home");
    }

    /** Embedded H2 event store under {@code home/eventstore}. */
    public static GovernanceOptions embedded(Path home) {
        return new GovernanceOptions(home, null, null, null);
    }

    boolean embeddedStore() {
        return eventStoreJdbcUrl == null || eventStoreJdbcUrl.isBlank();
    }
}
