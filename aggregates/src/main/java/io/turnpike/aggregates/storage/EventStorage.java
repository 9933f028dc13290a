package io.turnpike.aggregates.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.turnpike.aggregates.GovernanceOptions;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.EventTableFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JDBC event store: PostgreSQL when a URL is configured, otherwise an H2 file under {@code <home>/eventstore}.
 * Tables are created if missing. Each append runs in auto-commit, so an event is durable before subscribers see it.
 */
public final class EventStorage implements AutoCloseable {
    /** SQL state for a unique-key violation (PostgreSQL and H2): a concurrent append to the same aggregate. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final HikariDataSource dataSource;
    private final JdbcEventStorageEngine engine;

    private EventStorage(HikariDataSource dataSource, EventTableFactory tables, Serializer serializer) {
        this.dataSource = dataSource;
        this.engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .persistenceExceptionResolver(new SQLStateResolver(UNIQUE_VIOLATION))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        engine.createSchema(tables);
    }

    public static EventStorage open(GovernanceOptions options, Serializer serializer) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("turnpike-eventstore");
        pool.setMaximumPoolSize(4);
        EventTableFactory tables;
        if (options.embeddedStore()) {
            Path directory = options.home().resolve("eventstore").toAbsolutePath();
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + directory, e);
            }
            pool.setJdbcUrl("jdbc:h2:file:" + directory.resolve("events") + ";DB_CLOSE_ON_EXIT=FALSE");
            pool.setUsername("sa");
            pool.setPassword("");
            tables = H2EventTableFactory.INSTANCE;
        } else {
            pool.setJdbcUrl(options.eventStoreJdbcUrl());
            pool.setUsername(options.eventStoreUser());
            pool.setPassword(options.eventStorePassword() == null ? "" : options.eventStorePassword());
            tables = PostgresEventTableFactory.INSTANCE;
        }
        HikariDataSource dataSource = new HikariDataSource(pool);
        try {
            return new EventStorage(dataSource, tables, serializer);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    public JdbcEventStorageEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
