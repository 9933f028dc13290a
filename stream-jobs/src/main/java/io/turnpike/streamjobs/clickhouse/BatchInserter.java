package io.turnpike.streamjobs.clickhouse;

import java.util.List;

/** Writes one batch of rows to a table; all or nothing as far as the caller can tell. */
interface BatchInserter<T> extends AutoCloseable {
    void insert(List<T> rows) throws Exception;

    @Override
    void close();
}
