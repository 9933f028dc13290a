package io.turnpike.streamjobs.clickhouse;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Buffers rows and inserts them as one batch when the buffer reaches {@code batchSize} and whenever Flink calls
 * {@link #flush} (before each checkpoint barrier and at end of input). Nothing is acknowledged to Kafka before
 * the checkpoint, so a row is either in ClickHouse or will be replayed — at-least-once, made exactly-once in
 * effect by the ReplacingMergeTree on the other side.
 *
 * <p>A failed insert is retried with backoff; when the attempts are used up the writer throws, which fails the
 * task and lets Flink restart from the last checkpoint.
 */
final class BatchingInsertWriter<T> implements SinkWriter<T> {
    private static final Logger LOG = LoggerFactory.getLogger(BatchingInsertWriter.class);

    private final BatchInserter<T> inserter;
    private final int batchSize;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final Counter rowsInserted;
    private final Counter insertRetries;
    private final List<T> buffer;

    BatchingInsertWriter(BatchInserter<T> inserter, int batchSize, RetryPolicy retryPolicy, Sleeper sleeper,
                         Counter rowsInserted, Counter insertRetries) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        this.inserter = inserter;
        this.batchSize = batchSize;
        this.retryPolicy = retryPolicy;
        this.sleeper = sleeper;
        this.rowsInserted = rowsInserted;
        this.insertRetries = insertRetries;
        this.buffer = new ArrayList<>(Math.min(batchSize, 10_000));
    }

    @Override
    public void write(T row, Context context) throws IOException, InterruptedException {
        buffer.add(row);
        if (buffer.size() >= batchSize) {
            insertBuffered();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        insertBuffered();
    }

    int buffered() {
        return buffer.size();
    }

    private void insertBuffered() throws IOException, InterruptedException {
        if (buffer.isEmpty()) {
            return;
        }
        List<T> batch = List.copyOf(buffer);
        for (int attempt = 1; ; attempt++) {
            try {
                inserter.insert(batch);
                buffer.clear();
                rowsInserted.inc(batch.size());
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (attempt >= retryPolicy.maxAttempts()) {
                    throw new IOException("insert of " + batch.size() + " rows failed " + attempt
                            + " times; failing the task to restart from the last checkpoint", e);
                }
                LOG.warn("Insert of {} rows failed (attempt {} of {}), retrying: {}", batch.size(), attempt,
                        retryPolicy.maxAttempts(), e.getMessage());
                insertRetries.inc();
                sleeper.sleep(retryPolicy.backoffAfter(attempt));
            }
        }
    }

    @Override
    public void close() {
        inserter.close();
    }
}
