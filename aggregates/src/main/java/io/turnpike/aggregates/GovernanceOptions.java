package io.turnpike.aggregates;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where {@link Governance} keeps its state.
 *
 * @param home                 installation directory: holds {@code master.key} (unless {@code TURNPIKE_MASTER_KEY}
 *                             is set) and, without a JDBC URL, the embedded H2 event store under {@code eventstore/}
 * @param eventStoreJdbcUrl    PostgreSQL JDBC URL of the event store, or {@code null} for the embedded H2 store
 * @param eventStoreUser       database user (ignored for the embedded store)
 * @param eventStorePassword   database password, may be {@code null} or empty
 * @param replicaPollInterval  how often a PostgreSQL-backed instance reads the store for events other processes
 *                             (replicas) appended; {@code null} means {@link #DEFAULT_REPLICA_POLL_INTERVAL},
 *                             {@link Duration#ZERO} turns following off. Ignored for the embedded store, which only
 *                             one process can open.
 */
public record GovernanceOptions(Path home, String eventStoreJdbcUrl, String eventStoreUser, String eventStorePassword,
                                Duration replicaPollInterval) {
    /** Other replicas' admin changes show up here within about this long (plus the time to read them). */
    public static final Duration DEFAULT_REPLICA_POLL_INTERVAL = Duration.ofSeconds(1);

    public GovernanceOptions {
        Objects.requireNonNull(home, "home");
        if (replicaPollInterval == null) {
            replicaPollInterval = DEFAULT_REPLICA_POLL_INTERVAL;
        }
        if (replicaPollInterval.isNegative()) {
            throw new IllegalArgumentException("replicaPollInterval must be zero (off) or positive, was "
                    + replicaPollInterval);
        }
        if (!replicaPollInterval.isZero() && replicaPollInterval.toMillis() < 1) {
            throw new IllegalArgumentException("replicaPollInterval must be at least 1 ms (or zero: off), was "
                    + replicaPollInterval);
        }
    }

    /** With the default replica poll interval. */
    public GovernanceOptions(Path home, String eventStoreJdbcUrl, String eventStoreUser, String eventStorePassword) {
        this(home, eventStoreJdbcUrl, eventStoreUser, eventStorePassword, null);
    }

    /** Embedded H2 event store under {@code home/eventstore}. */
    public static GovernanceOptions embedded(Path home) {
        return new GovernanceOptions(home, null, null, null);
    }

    /** The same options with another replica poll interval ({@link Duration#ZERO}: do not follow other replicas). */
    public GovernanceOptions withReplicaPollInterval(Duration interval) {
        return new GovernanceOptions(home, eventStoreJdbcUrl, eventStoreUser, eventStorePassword, interval);
    }

    public boolean embeddedStore() {
        return eventStoreJdbcUrl == null || eventStoreJdbcUrl.isBlank();
    }

    /** Whether this instance reads the store for other processes' events after its start-up replay. */
    boolean followsReplicas() {
        return !embeddedStore() && !replicaPollInterval.isZero();
    }
}
