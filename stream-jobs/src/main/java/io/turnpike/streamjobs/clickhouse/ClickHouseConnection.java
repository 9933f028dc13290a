package io.turnpike.streamjobs.clickhouse;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where a ClickHouse database lives and how to log in. Serializable because Flink ships it inside the sink to
 * every task; {@link #toString()} leaves the password out so it never reaches a log.
 *
 * @param url      HTTP endpoint, e.g. {@code http://127.0.0.1:8123}
 * @param database database the tables live in; created by {@link ClickHouseClient#createDatabaseIfMissing()}
 */
public record ClickHouseConnection(String url, String database, String user, String password)
        implements Serializable {

    public static final String DEFAULT_DATABASE = "turnpike";
    public static final String DEFAULT_USER = "default";

    public ClickHouseConnection {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(database, "database");
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            // The name is spliced into CREATE DATABASE, so it must be a plain identifier.
            throw new IllegalArgumentException("database name must be a plain identifier: " + database);
        }
        user = user == null || user.isEmpty() ? DEFAULT_USER : user;
        password = password == null ? "" : password;
    }

    /** The {@code default} user without password, as on a fresh local server. */
    public static ClickHouseConnection of(String url, String database) {
        return new ClickHouseConnection(url, database, DEFAULT_USER, "");
    }

    @Override
    public String toString() {
        return "ClickHouseConnection[url=" + url + ", database=" + database + ", user=" + user + "]";
    }
}
