package io.turnpike.streamjobs.clickhouse;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

import java.util.List;
import java.util.Objects;

/**
 * A Flink sink that inserts rows into one ClickHouse table in {@code JSONEachRow} batches. Rows are serialized
 * with Jackson, so their JSON field names must be the column names. Delivery is at-least-once; point it at a
 * ReplacingMergeTree (or another engine that tolerates replays).
 *
 * <p>Metrics per writer: {@code numRecordsSend} (rows inserted) and {@code clickHouseInsertRetries}.
 */
public final class ClickHouseBatchSink<T> implements Sink<T> {
    public static final int DEFAULT_BATCH_SIZE = 5_000;

    private final ClickHouseConnection connection;
    private final String table;
    private final int batchSize;
    private final RetryPolicy retryPolicy;

    public ClickHouseBatchSink(ClickHouseConnection connection, String table, int batchSize) {
        this(connection, table, batchSize, RetryPolicy.DEFAULT);
    }

    public ClickHouseBatchSink(ClickHouseConnection connection, String table, int batchSize,
                               RetryPolicy retryPolicy) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.table = Objects.requireNonNull(table, "table");
        this.batchSize = batchSize;
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        SinkWriterMetricGroup metrics = context.metricGroup();
        ClickHouseClient client = new ClickHouseClient(connection);
        BatchInserter<T> inserter = new BatchInserter<>() {
            @Override
            public void insert(List<T> rows) {
                client.insertJsonEachRow(table, rows);
            }

            @Override
            public void close() {
                client.close();
            }
        };
        return new BatchingInsertWriter<>(inserter, batchSize, retryPolicy, Sleeper.THREAD,
                metrics.getNumRecordsSendCounter(), metrics.counter("clickHouseInsertRetries"));
    }
}
