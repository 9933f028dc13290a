package io.turnpike.query.logs;

/** ClickHouse could not answer; the API reports it as a 503 rather than an empty result. */
public final class ClickHouseUnavailableException extends RuntimeException {
    public ClickHouseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
