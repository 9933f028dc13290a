package io.turnpike.streamjobs.guardrails;

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

class GuardrailEvaluatedDeserializerTest {
    private final RecordingMetricGroup metrics = new RecordingMetricGroup();
    private final List<GuardrailEvaluationRow> out = new ArrayList<>();
    private final GuardrailEvaluatedDeserializer deserializer = new GuardrailEvaluatedDeserializer();

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
        var event = SampleVerdicts.denied("req_1", "acme", 0, SampleVerdicts.AT);

        deserializer.deserialize(record(EventJson.toBytes(event)), new ListCollector<>(out));

        assertThat(out).containsExactly(GuardrailEvaluationRow.of(event));
        assertThat(malformed().getCount()).isZero();
    }

    @Test
    void countsAndSkipsRecordsThatAreNotJsonOrBreakTheContract() throws Exception {
        byte[] withoutGuardrail = "{\"occurred_at\":\"2026-11-25T10:15:30Z\",\"request_id\":\"r\",\"check_type\":\"pii\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] negativeLatency = new String(EventJson.toBytes(SampleVerdicts.denied("r", "acme", 0, SampleVerdicts.AT)),
                StandardCharsets.UTF_8).replace("\"latency_micros\":140", "\"latency_micros\":-140")
                .getBytes(StandardCharsets.UTF_8);

        deserializer.deserialize(record("not json {".getBytes(StandardCharsets.UTF_8)), new ListCollector<>(out));
        deserializer.deserialize(record(withoutGuardrail), new ListCollector<>(out));
        deserializer.deserialize(record(negativeLatency), new ListCollector<>(out));
        deserializer.deserialize(record(null), new ListCollector<>(out));

        assertThat(out).isEmpty();
        assertThat(malformed().getCount()).isEqualTo(4);
    }

    private Counter malformed() {
        return metrics.counters.get(GuardrailEvaluatedDeserializer.MALFORMED_METRIC);
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>("turnpike.guardrails.v1", 0, 42L, "key".getBytes(StandardCharsets.UTF_8), value);
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
