package io.turnpike.streamjobs.requestlog;

import com.fasterxml.jackson.databind.JsonNode;
import io.turnpike.events.EventJson;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.infra.local.LocalKafkaBroker;
import io.turnpike.infra.local.TestServices;
import io.turnpike.streamjobs.clickhouse.ClickHouseClient;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real Kafka, real ClickHouse (18.16 here), Flink MiniCluster at parallelism 2: the job the launcher runs.
 */
class RequestLogJobIT {
    private static final Instant BASE = Instant.parse("2026-11-25T10:00:00.250Z");

    private final String suffix = UUID.randomUUID().toString().replace("-", "");
    private final String topic = "it-requests-" + suffix;
    private RequestLogJobSettings settings;
    private ClickHouseClient clickHouse;
    private JobClient job;

    @BeforeEach
    void setUp() {
        String bootstrap = TestServices.kafkaBootstrap();
        LocalKafkaBroker.createTopic(bootstrap, topic, 2);
        settings = RequestLogJobSettings.defaults(bootstrap, TestServices.clickHouseUrl())
                .withTopic(topic)
                .withGroupId("it-request-log-" + suffix)
                .withClickHouseDatabase("it_" + suffix)
                .withCheckpointInterval(Duration.ofMillis(500))
                .withParallelism(2);
        clickHouse = new ClickHouseClient(settings.clickHouse());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (job != null) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        clickHouse.execute("DROP DATABASE IF EXISTS " + settings.clickHouseDatabase());
        clickHouse.close();
    }

    @Test
    void writesEveryRequestOnceDespiteAReplayAndKeepsRunningPastAMalformedRecord() throws Exception {
        job = RequestLogJob.forKafka(settings).executeAsync();

        List<RequestCompleted> firstBatch = events(0, 10);
        List<RequestCompleted> secondBatch = events(10, 5);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (RequestCompleted event : firstBatch) {
                send(producer, null, event.requestId(), EventJson.toBytes(event));
            }
            RequestCompleted replayed = firstBatch.get(3);
            send(producer, null, replayed.requestId(), EventJson.toBytes(replayed));
            // A bad record on each partition, ahead of the second batch in both.
            for (int partition = 0; partition < 2; partition++) {
                send(producer, partition, "bad", "{\"request_id\": oops".getBytes(StandardCharsets.UTF_8));
            }
            producer.flush();
            awaitDistinctRequests(10);

            for (int i = 0; i < secondBatch.size(); i++) {
                RequestCompleted event = secondBatch.get(i);
                send(producer, i % 2, event.requestId(), EventJson.toBytes(event));
            }
            producer.flush();
        }
        awaitDistinctRequests(15);

        assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
        List<RequestCompleted> all = new ArrayList<>(firstBatch);
        all.addAll(secondBatch);
        assertThat(clickHouse.queryJsonEachRow("SELECT count() AS rows, uniqExact(request_id) AS ids,"
                + " sum(cost_nano_usd) AS cost, sum(input_tokens) AS input FROM request_log FINAL FORMAT JSONEachRow"))
                .singleElement().satisfies(totals -> {
                    assertThat(totals.get("rows").asLong()).isEqualTo(15);
                    assertThat(totals.get("ids").asLong()).isEqualTo(15);
                    assertThat(totals.get("cost").asLong())
                            .isEqualTo(all.stream().mapToLong(RequestCompleted::costNanoUsd).sum());
                    assertThat(totals.get("input").asLong())
                            .isEqualTo(all.stream().mapToLong(e -> e.usage().inputTokens()).sum());
                });
        List<JsonNode> rows = clickHouse.queryJsonEachRow("SELECT request_id, tenant, started_at, started_at_ms,"
                + " completed_at_ms, input_tokens, output_tokens, cost_nano_usd, metadata, time_to_first_token_ms"
                + " FROM request_log FINAL ORDER BY request_id FORMAT JSONEachRow");
        assertThat(rows).hasSize(15);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            RequestCompleted expected = all.get(i);
            assertThat(row.get("request_id").asText()).isEqualTo(expected.requestId());
            assertThat(row.get("tenant").asText()).isEqualTo(expected.tenant());
            assertThat(row.get("started_at").asText())
                    .isEqualTo(expected.startedAt().toString().replace("T", " ").substring(0, 19));
            assertThat(row.get("started_at_ms").asLong()).isEqualTo(expected.startedAt().toEpochMilli());
            assertThat(row.get("completed_at_ms").asLong()).isEqualTo(expected.completedAt().toEpochMilli());
            assertThat(row.get("input_tokens").asLong()).isEqualTo(expected.usage().inputTokens());
            assertThat(row.get("output_tokens").asLong()).isEqualTo(350);
            assertThat(row.get("cost_nano_usd").asLong()).isEqualTo(expected.costNanoUsd());
            assertThat(row.get("metadata").asText()).isEqualTo("{\"env\":\"prod\",\"project\":\"x\"}");
            assertThat(row.get("time_to_first_token_ms").asLong()).isEqualTo(210);
        }
    }

    /** Ids sort in production order; tenants alternate; one request falls in the previous month's partition. */
    private static List<RequestCompleted> events(int from, int count) {
        List<RequestCompleted> events = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            Instant started = i == 7 ? Instant.parse("2026-10-31T23:59:59.999Z") : BASE.plusSeconds(61L * i);
            events.add(SampleEvents.completed(String.format("req_%03d", i), i % 2 == 0 ? "acme" : "globex",
                    100L * (i + 1), 1_000_000L * (i + 1) + 7, started, started.plusMillis(1333)));
        }
        return events;
    }

    private void awaitDistinctRequests(long expected) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(clickHouse.queryJsonEachRow(
                        "SELECT count() AS c FROM request_log FINAL FORMAT JSONEachRow"))
                        .singleElement().satisfies(row -> assertThat(row.get("c").asLong()).isEqualTo(expected)));
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private void send(KafkaProducer<byte[], byte[]> producer, Integer partition, String key, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, partition, key.getBytes(StandardCharsets.UTF_8), value))
                .get(30, TimeUnit.SECONDS);
    }
}
