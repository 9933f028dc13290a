package io.turnpike.streamjobs.requestlog;

import io.turnpike.events.EventJson;
import io.turnpike.events.request.RequestCompleted;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka record → {@link RequestLogRow}. A record that is not a valid {@code RequestCompleted} (bad JSON, missing
 * request id, negative cost, tombstone...) is counted in the {@value #MALFORMED_METRIC} metric, logged by its
 * position only, and skipped: one bad producer must not stop the request log.
 */
final class RequestCompletedDeserializer implements KafkaRecordDeserializationSchema<RequestLogRow> {
    static final String MALFORMED_METRIC = "malformedRequestEvents";
    private static final Logger LOG = LoggerFactory.getLogger(RequestCompletedDeserializer.class);

    private transient Counter malformed;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        malformed = context.getMetricGroup().counter(MALFORMED_METRIC);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RequestLogRow> out) {
        RequestLogRow row;
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("empty record value");
            }
            row = RequestLogRow.of(EventJson.fromBytes(record.value(), RequestCompleted.class));
        } catch (RuntimeException e) {
            malformed.inc();
            // Position and reason only; the payload may hold metadata that does not belong in logs.
            LOG.warn("Skipping malformed request event at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), rootMessage(e));
            return;
        }
        out.collect(row);
    }

    @Override
    public TypeInformation<RequestLogRow> getProducedType() {
        return TypeInformation.of(RequestLogRow.class);
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
