package io.turnpike.streamjobs.guardrails;

import io.turnpike.events.EventJson;
import io.turnpike.events.guardrails.GuardrailEvaluated;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka record → {@link GuardrailEvaluationRow}. A record that is not a valid {@code GuardrailEvaluated} (bad JSON,
 * a missing required field, a negative count, a tombstone) is counted in {@value #MALFORMED_METRIC}, logged by its
 * position only, and skipped: one bad producer must not stop the pipeline.
 */
final class GuardrailEvaluatedDeserializer implements KafkaRecordDeserializationSchema<GuardrailEvaluationRow> {
    static final String MALFORMED_METRIC = "malformedGuardrailEvents";
    private static final Logger LOG = LoggerFactory.getLogger(GuardrailEvaluatedDeserializer.class);

    private transient Counter malformed;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        malformed = context.getMetricGroup().counter(MALFORMED_METRIC);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<GuardrailEvaluationRow> out) {
        GuardrailEvaluationRow row;
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("empty record value");
            }
            row = GuardrailEvaluationRow.of(EventJson.fromBytes(record.value(), GuardrailEvaluated.class));
        } catch (RuntimeException e) {
            malformed.inc();
            // Position and reason only: never the payload.
            LOG.warn("Skipping malformed guardrail event at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), rootMessage(e));
            return;
        }
        out.collect(row);
    }

    @Override
    public TypeInformation<GuardrailEvaluationRow> getProducedType() {
        return TypeInformation.of(GuardrailEvaluationRow.class);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        // Jackson quotes the offending input in its messages; keep the first line only.
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
