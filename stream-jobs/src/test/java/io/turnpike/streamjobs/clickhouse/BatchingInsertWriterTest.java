package io.turnpike.streamjobs.clickhouse;

import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchingInsertWriterTest {
    private static final RetryPolicy THREE_TRIES = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(150));

    private final FakeInserter inserter = new FakeInserter();
    private final List<Duration> sleeps = new ArrayList<>();
    private final SimpleCounter rowsInserted = new SimpleCounter();
    private final SimpleCounter retries = new SimpleCounter();
    private final BatchingInsertWriter<String> writer =
            new BatchingInsertWriter<>(inserter, 3, THREE_TRIES, sleeps::add, rowsInserted, retries);

    @Test
    void buffersUntilTheBatchIsFull() throws Exception {
        writer.write("a", null);
        writer.write("b", null);
        assertThat(inserter.batches).isEmpty();

        writer.write("c", null);
        writer.write("d", null);

        assertThat(inserter.batches).containsExactly(List.of("a", "b", "c"));
        assertThat(writer.buffered()).isEqualTo(1);
        assertThat(rowsInserted.getCount()).isEqualTo(3);
    }

    @Test
    void flushInsertsWhatIsBufferedAndNothingWhenEmpty() throws Exception {
        writer.write("a", null);
        writer.flush(false);
        writer.flush(false);
        writer.flush(true);

        assertThat(inserter.batches).containsExactly(List.of("a"));
        assertThat(writer.buffered()).isZero();
    }

    @Test
    void retriesAFailedInsertWithGrowingCappedBackoff() throws Exception {
        inserter.failuresLeft = 2;
        writer.write("a", null);

        writer.flush(false);

        assertThat(inserter.batches).containsExactly(List.of("a"));
        assertThat(inserter.attempts).isEqualTo(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
        assertThat(retries.getCount()).isEqualTo(2);
        assertThat(rowsInserted.getCount()).isEqualTo(1);
    }

    @Test
    void failsTheTaskWhenRetriesAreUsedUpAndKeepsTheRows() throws Exception {
        inserter.failuresLeft = 3;
        writer.write("a", null);

        assertThatThrownBy(() -> writer.flush(false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("failed 3 times")
                .hasRootCauseMessage("ClickHouse is down");
        assertThat(inserter.batches).isEmpty();
        assertThat(writer.buffered()).isEqualTo(1);
        assertThat(rowsInserted.getCount()).isZero();
    }

    @Test
    void closesTheInserter() throws Exception {
        writer.close();
        assertThat(inserter.closed).isTrue();
    }

    private static final class FakeInserter implements BatchInserter<String> {
        final List<List<String>> batches = new ArrayList<>();
        int failuresLeft;
        int attempts;
        boolean closed;

        @Override
        public void insert(List<String> rows) {
            attempts++;
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new ClickHouseException("ClickHouse is down");
            }
            batches.add(List.copyOf(rows));
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
