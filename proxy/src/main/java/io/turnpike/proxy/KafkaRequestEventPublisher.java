package io.turnpike.proxy;

import io.turnpike.events.EventJson;
import io.turnpike.events.request.RequestCompleted;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes {@link RequestCompleted} events to Kafka off the hot path: {@link #publish} only offers to a bounded
 * queue; one background thread drains it into an idempotent producer ({@code acks=all}), keyed by request id.
 * When the queue is full the event is dropped and counted — the proxy never waits for Kafka.
 */
public final class KafkaRequestEventPublisher implements RequestEventSink {
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(KafkaRequestEventPublisher.class);
    private static final int DRAIN_BATCH = 512;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

    private final String topic;
    private final BlockingQueue<RequestCompleted> queue;
    private final Producer<String, byte[]> producer;
    private final Thread drainer;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean closing;

    public KafkaRequestEventPublisher(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, DEFAULT_QUEUE_CAPACITY);
    }

    public KafkaRequestEventPublisher(String bootstrapServers, String topic, int queueCapacity) {
        this(new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(), new ByteArraySerializer()),
                topic, queueCapacity);
    }

    KafkaRequestEventPublisher(Producer<String, byte[]> producer, String topic, int queueCapacity) {
        this.topic = topic;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.producer = producer;
        this.drainer = new Thread(this::drain, "turnpike-event-publisher");
        this.drainer.setDaemon(true);
        this.drainer.start();
    }

    private static Properties producerConfig(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "turnpike-proxy");
        // Only the drainer thread ever waits on Kafka; while it waits, the queue absorbs and then drops.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return props;
    }

    /** Never blocks: a full queue drops the event and counts it. */
    @Override
    public void publish(RequestCompleted event) {
        if (closing || !queue.offer(event)) {
            long total = dropped.incrementAndGet();
            // Ids only, never content; and one line per 1,000 drops so that an outage does not flood the log.
            if (total == 1 || total % 1_000 == 0) {
                LOG.warn("request event {} dropped (queue full or closing); {} dropped so far", event.requestId(),
                        total);
            }
        }
    }

    /** Events dropped because the queue was full (or the publisher closing). */
    public long droppedCount() {
        return dropped.get();
    }

    /** Events Kafka refused after retries. */
    public long failedCount() {
        return failed.get();
    }

    /** Events Kafka acknowledged. */
    public long sentCount() {
        return sent.get();
    }

    private void drain() {
        List<RequestCompleted> batch = new ArrayList<>(DRAIN_BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                RequestCompleted first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, DRAIN_BATCH - 1);
                for (RequestCompleted event : batch) {
                    send(event);
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failed.addAndGet(batch.size());
                batch.clear();
                LOG.error("request events could not be handed to the Kafka producer", e);
            }
        }
    }

    private void send(RequestCompleted event) {
        producer.send(new ProducerRecord<>(topic, event.requestId(), EventJson.toBytes(event)), (metadata, error) -> {
            if (error == null) {
                sent.incrementAndGet();
            } else {
                failed.incrementAndGet();
                LOG.error("request event {} was not written to {}: {}", event.requestId(), topic, error.toString());
            }
        });
    }

    /** Stops accepting events, sends everything already queued, and waits for Kafka to acknowledge it. */
    @Override
    public void close() {
        closing = true;
        try {
            drainer.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.flush();
        producer.close(CLOSE_TIMEOUT);
    }
}
