package io.turnpike.proxy;

import io.turnpike.events.EventJson;
import io.turnpike.events.Topics;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.events.guardrails.GuardrailEvaluated;
import io.turnpike.events.policy.PolicyDecision;
import io.turnpike.events.request.TargetHealthChanged;
import io.turnpike.events.request.UpstreamAttempted;
import io.turnpike.events.telemetry.TelemetryReceived;
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
 * Publishes {@link RequestCompleted} events (and {@link TelemetryReceived}, {@link UpstreamAttempted} and
 * {@link TargetHealthChanged} events, to their own topics) to Kafka
 * off the hot path: {@code publish} only offers to a bounded queue; one background thread drains it into an
 * idempotent producer ({@code acks=all}), keyed by request id (health changes by target key). When the queue is
 * full the event is dropped and
 * counted — the proxy never waits for Kafka. Both kinds share the queue and the counters.
 */
public final class KafkaRequestEventPublisher implements RequestEventSink {
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(KafkaRequestEventPublisher.class);
    private static final int DRAIN_BATCH = 512;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

    /** One event on its way: serialized on the drainer thread, not on the IO thread that published it. */
    private record Outgoing(String topic, String key, Object event) {
    }

    private final String topic;
    private final String telemetryTopic;
    private final BlockingQueue<Outgoing> queue;
    private final Producer<String, byte[]> producer;
    private final Thread drainer;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean closing;

    /** Request events to {@code topic}, telemetry to {@link Topics#TELEMETRY}. */
    public KafkaRequestEventPublisher(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, DEFAULT_QUEUE_CAPACITY);
    }

    public KafkaRequestEventPublisher(String bootstrapServers, String topic, int queueCapacity) {
        this(bootstrapServers, topic, Topics.TELEMETRY, queueCapacity);
    }

    public KafkaRequestEventPublisher(String bootstrapServers, String topic, String telemetryTopic,
                                      int queueCapacity) {
        this(new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(), new ByteArraySerializer()),
                topic, telemetryTopic, queueCapacity);
    }

    KafkaRequestEventPublisher(Producer<String, byte[]> producer, String topic, int queueCapacity) {
        this(producer, topic, Topics.TELEMETRY, queueCapacity);
    }

    KafkaRequestEventPublisher(Producer<String, byte[]> producer, String topic, String telemetryTopic,
                               int queueCapacity) {
        this.topic = topic;
        this.telemetryTopic = telemetryTopic;
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
        offer(new Outgoing(topic, event.requestId(), event));
    }

    /** Never blocks: a full queue drops the event and counts it. */
    @Override
    public void publish(TelemetryReceived event) {
        offer(new Outgoing(telemetryTopic, event.requestId(), event));
    }

    /** Never blocks. To {@link Topics#ATTEMPTS}, keyed by the request id so a request's attempts stay in order. */
    @Override
    public void publish(UpstreamAttempted event) {
        offer(new Outgoing(Topics.ATTEMPTS, event.requestId(), event));
    }

    /** Never blocks. To {@link Topics#HEALTH}, keyed by the target key so a target's transitions stay in order. */
    @Override
    public void publish(TargetHealthChanged event) {
        offer(new Outgoing(Topics.HEALTH, event.targetKey(), event));
    }

    /** Never blocks. To {@link Topics#POLICY}, keyed by the request id (or the key id when there is none). */
    @Override
    public void publish(PolicyDecision event) {
        offer(new Outgoing(Topics.POLICY, event.requestId() != null ? event.requestId() : event.keyId(), event));
    }

    /** Never blocks. To {@link Topics#GUARDRAILS}, keyed by the request id. */
    @Override
    public void publish(GuardrailEvaluated event) {
        offer(new Outgoing(Topics.GUARDRAILS, event.requestId(), event));
    }

    private void offer(Outgoing outgoing) {
        if (closing || !queue.offer(outgoing)) {
            long total = dropped.incrementAndGet();
            // Ids only, never content; and one line per 1,000 drops so that an outage does not flood the log.
            if (total == 1 || total % 1_000 == 0) {
                LOG.warn("event {} for {} dropped (queue full or closing); {} dropped so far", outgoing.key(),
                        outgoing.topic(), total);
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
        List<Outgoing> batch = new ArrayList<>(DRAIN_BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                Outgoing first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, DRAIN_BATCH - 1);
                for (Outgoing outgoing : batch) {
                    send(outgoing);
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

    private void send(Outgoing outgoing) {
        producer.send(new ProducerRecord<>(outgoing.topic(), outgoing.key(), EventJson.toBytes(outgoing.event())),
                (metadata, error) -> {
                    if (error == null) {
                        sent.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        LOG.error("event {} was not written to {}: {}", outgoing.key(), outgoing.topic(),
                                error.toString());
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
