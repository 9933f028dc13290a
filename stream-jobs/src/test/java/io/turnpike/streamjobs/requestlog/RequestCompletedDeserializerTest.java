package io.turnpike.streamjobs.requestlog;

import io.turnpike.events.EventJson;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestCompletedDeserializerTest {
    private final RecordingMetricGroup metrics = new RecordingMetricGroup();
    private final List<RequestLogRow> out = new ArrayList<>();
    private final RequestCompletedDeserializer deserializer = new RequestCompletedDeserializer();

    @BeforeEach
    void open() {
        deserializer.open(new DeserializationSchema.InitializationContext() {
            @Override
            public MetricGroup getMetricGroup() {
                return metrics;
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                throw new UnsupportedOperationException("not needed");
            }
        });
    }

    @Test
    void turnsAnEventIntoItsRow() throws Exception {
        var event = SampleEvents.completed("req_1", "acme", 1200, 5_473_500L);

        deserializer.deserialize(record(EventJson.toBytes(event)), new ListCollector<>(out));

        assertThat(out).containsExactly(RequestLogRow.of(event));
        assertThat(malformed().getCount()).isZero();
    }

    @Test
    void countsAndSkipsRecordsThatAreNotJson() throws Exception {
        deserializer.deserialize(record("not json {".getBytes(StandardCharsets.UTF_8)), new ListCollector<>(out));

        assertThat(out).isEmpty();
        assertThat(malformed().getCount()).isEqualTo(1);
    }

    @Test
    void countsAndSkipsEventsThatBreakTheContract() throws Exception {
        byte[] withoutRequestId = "{\"started_at\":\"2026-11-25T10:15:30Z\",\"completed_at\":\"2026-11-25T10:15:31Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] negativeCost = new String(EventJson.toBytes(SampleEvents.completed("r", "acme", 1, 5)),
                StandardCharsets.UTF_8).replace("\"cost_nano_usd\":5", "\"cost_nano_usd\":-5")
                .getBytes(StandardCharsets.UTF_8);

        deserializer.deserialize(record(withoutRequestId), new ListCollector<>(out));
        deserializer.deserialize(record(negativeCost), new ListCollector<>(out));
        deserializer.deserialize(record(null), new ListCollector<>(out));

        assertThat(out).isEmpty();
        assertThat(malformed().getCount()).isEqualTo(3);
    }

    private Counter malformed() {
        return metrics.counters.get(RequestCompletedDeserializer.MALFORMED_METRIC);
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>("turnpike.requests.v1", 0, 42L, "key".getBytes(StandardCharsets.UTF_8), value);
    }

    /** Keeps the counters the deserializer registers so the test can read them. */
    private static final class RecordingMetricGroup extends UnregisteredMetricsGroup {
        final Map<String, Counter> counters = new HashMap<>();

        @Override
        public Counter counter(String name) {
            return counters.computeIfAbsent(name, n -> new SimpleCounter());
        }
    }
}
