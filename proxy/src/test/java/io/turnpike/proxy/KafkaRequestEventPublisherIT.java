package io.turnpike.proxy;

import io.turnpike.events.EventJson;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.infra.local.LocalKafkaBroker;
import io.turnpike.infra.local.TestServices;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaRequestEventPublisherIT {

    @Test
    void publishedEventsArriveKeyedByRequestIdAndRoundTripThroughEventJson() {
        String bootstrap = TestServices.kafkaBootstrap();
        String topic = "proxy-it-" + UUID.randomUUID();
        LocalKafkaBroker.createTopic(bootstrap, topic, 2);
        List<RequestCompleted> published = List.of(RequestEvents.sample("req_a"), RequestEvents.sample("req_b"),
                RequestEvents.sample("req_c"));

        try (KafkaRequestEventPublisher publisher = new KafkaRequestEventPublisher(bootstrap, topic)) {
            published.forEach(publisher::publish);
            publisher.close();
            assertThat(publisher.sentCount()).isEqualTo(3);
            assertThat(publisher.droppedCount()).isZero();
            assertThat(publisher.failedCount()).isZero();
        }

        List<ConsumerRecord<String, byte[]>> records = consumeAll(bootstrap, topic, 3);
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("req_a", "req_b", "req_c");
        assertThat(records).extracting(r -> EventJson.fromBytes(r.value(), RequestCompleted.class))
                .containsExactlyInAnyOrderElementsOf(published);
    }

    private static List<ConsumerRecord<String, byte[]>> consumeAll(String bootstrap, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "proxy-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
