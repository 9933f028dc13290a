package io.turnpike.proxy;

import io.turnpike.events.EventJson;
import io.turnpike.events.Topics;
import io.turnpike.events.request.CircuitState;
import io.turnpike.events.request.TargetHealthChanged;
import io.turnpike.events.request.UpstreamAttempted;
import io.turnpike.events.telemetry.TelemetryReceived;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class KafkaRequestEventPublisherTest {

    /** A producer whose first send stalls until released, as when the broker is unreachable. */
    private static final class StalledProducer extends MockProducer<String, byte[]> {
        final CountDownLatch sendEntered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        StalledProducer() {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            sendEntered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.send(record, callback);
        }
    }

    @Test
    void dropsAndCountsEventsWhenTheQueueIsFullInsteadOfBlocking() throws InterruptedException {
        StalledProducer producer = new StalledProducer();
        KafkaRequestEventPublisher publisher = new KafkaRequestEventPublisher(producer, "t", 1);

        publisher.publish(RequestEvents.sample("req_1"));
        assertThat(producer.sendEntered.await(10, TimeUnit.SECONDS)).isTrue(); // req_1 is with the producer
        publisher.publish(RequestEvents.sample("req_2")); // fills the queue
        publisher.publish(RequestEvents.sample("req_3"));
        publisher.publish(RequestEvents.sample("req_4"));

        assertThat(publisher.droppedCount()).isEqualTo(2);
        producer.release.countDown();
        publisher.close();
        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("req_1", "req_2");
        assertThat(publisher.sentCount()).isEqualTo(2);
    }

    @Test
    void closeSendsWhatIsQueuedAndRefusesLaterEvents() {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        KafkaRequestEventPublisher publisher = new KafkaRequestEventPublisher(producer, "t", 100);
        for (int i = 0; i < 50; i++) {
            publisher.publish(RequestEvents.sample("req_" + i));
        }

        publisher.close();
        publisher.publish(RequestEvents.sample("req_late"));

        assertThat(producer.history()).hasSize(50);
        assertThat(publisher.droppedCount()).isEqualTo(1);
    }

    @Test
    void telemetryGoesToItsOwnTopicKeyedByRequestIdAndSharesTheQueue() {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        KafkaRequestEventPublisher publisher = new KafkaRequestEventPublisher(producer, "requests", "telemetry", 100);
        publisher.publish(RequestEvents.sample("req_1"));
        publisher.publish(new TelemetryReceived(TelemetryReceived.SCHEMA_VERSION,
                Instant.parse("2026-11-25T10:00:00Z"), "req_2", "key-1", "acme", null, null, null, Map.of("tenant", "acme"), "cfg-1",
                TelemetryReceived.Signal.LOGS, Map.of("service.name", "claude-code"), 3, 120,
                "application/x-protobuf", null));

        publisher.close();

        assertThat(producer.history()).extracting(ProducerRecord::topic, ProducerRecord::key)
                .containsExactly(tuple("requests", "req_1"), tuple("telemetry", "req_2"));
        TelemetryReceived sent = EventJson.fromBytes(producer.history().get(1).value(), TelemetryReceived.class);
        assertThat(sent.signal()).isEqualTo(TelemetryReceived.Signal.LOGS);
        assertThat(sent.itemCount()).isEqualTo(3);
        assertThat(publisher.sentCount()).isEqualTo(2);
    }

    @Test
    void upstreamAttemptsGoToTheAttemptsTopicKeyedByRequestId() {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        KafkaRequestEventPublisher publisher = new KafkaRequestEventPublisher(producer, "requests", "telemetry", 100);
        publisher.publish(new UpstreamAttempted(UpstreamAttempted.SCHEMA_VERSION, "req_3", "trace-3", 1, 1,
                "config.targets[0]", "anthropic-1", "anthropic", "claude-haiku-4-5", 200, 12L, null, null,
                Instant.parse("2026-11-25T10:00:00Z"), Instant.parse("2026-11-25T10:00:01Z")));

        publisher.close();

        assertThat(producer.history()).extracting(ProducerRecord::topic, ProducerRecord::key)
                .containsExactly(tuple(Topics.ATTEMPTS, "req_3"));
        UpstreamAttempted sent = EventJson.fromBytes(producer.history().get(0).value(), UpstreamAttempted.class);
        assertThat(sent.retryIndex()).isEqualTo(1);
        assertThat(sent.targetPath()).isEqualTo("config.targets[0]");
    }

    @Test
    void healthChangesGoToTheHealthTopicKeyedByTargetKey() {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        KafkaRequestEventPublisher publisher = new KafkaRequestEventPublisher(producer, "requests", "telemetry", 100);
        publisher.publish(new TargetHealthChanged(TargetHealthChanged.SCHEMA_VERSION,
                Instant.parse("2026-11-25T10:00:00Z"), "anthropic-1/claude-haiku-4-5", "anthropic-1",
                "claude-haiku-4-5", CircuitState.CLOSED, CircuitState.OPEN, 5, "5 consecutive failures, last: status 529"));

        publisher.close();

        assertThat(producer.history()).extracting(ProducerRecord::topic, ProducerRecord::key)
                .containsExactly(tuple(Topics.HEALTH, "anthropic-1/claude-haiku-4-5"));
        TargetHealthChanged sent = EventJson.fromBytes(producer.history().get(0).value(), TargetHealthChanged.class);
        assertThat(sent.toState()).isEqualTo(CircuitState.OPEN);
    }
}
