package io.turnpike.streamjobs.clickhouse;

/** A statement, insert or query that ClickHouse refused or that could not reach it. */
public class ClickHouseException extends RuntimeException {
    public ClickHouseException(String message, Throwable cause) {
        super(message, cause);
    }

    public ClickHouseException(String message) {
        super(message);
    }
}
