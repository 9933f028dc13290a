package io.turnpike.streamjobs.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import io.turnpike.events.EventJson;
import io.turnpike.events.guardrails.GuardrailEvaluated;
import io.turnpike.infra.local.LocalKafkaBroker;
import io.turnpike.infra.local.TestServices;
import io.turnpike.streamjobs.clickhouse.ClickHouseClient;
import io.turnpike.streamjobs.clickhouse.ClickHouseConnection;
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

/** Real Kafka, real ClickHouse (18.16 here), Flink MiniCluster at parallelism 2: the job the launcher runs. */
class GuardrailEvaluationJobIT {
    private static final Instant BASE = Instant.parse("2026-11-25T10:00:00.250Z");

    private final String suffix = UUID.randomUUID().toString().replace("-", "");
    private final String topic = "it-guardrails-" + suffix;
    private GuardrailEvaluationJobSettings settings;
    private ClickHouseClient clickHouse;
    private JobClient job;

    @BeforeEach
    void setUp() {
        String bootstrap = TestServices.kafkaBootstrap();
        LocalKafkaBroker.createTopic(bootstrap, topic, 2);
        settings = GuardrailEvaluationJobSettings.defaults(bootstrap, TestServices.clickHouseUrl())
                .withTopic(topic)
                .withGroupId("it-guardrails-" + suffix)
                .withClickHouse(ClickHouseConnection.of(TestServices.clickHouseUrl(), "it_" + suffix))
                .withCheckpointInterval(Duration.ofMillis(500))
                .withParallelism(2);
        clickHouse = new ClickHouseClient(settings.clickHouse());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (job != null) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        clickHouse.execute("DROP DATABASE IF EXISTS " + settings.clickHouse().database());
        clickHouse.close();
    }

    @Test
    void writesEveryEvaluationOnceDespiteReplaysAndKeepsSameTypeChecksApart() throws Exception {
        job = GuardrailEvaluationJob.forKafka(settings).executeAsync();

        List<GuardrailEvaluated> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Instant at = BASE.plusSeconds(61L * i);
            String tenant = i % 2 == 0 ? "acme" : "globex";
            // Two pii checks in one guardrail on the same request: the same type, told apart by their index.
            events.add(SampleVerdicts.denied("req_" + i, tenant, 0, at));
            events.add(SampleVerdicts.denied("req_" + i, tenant, 1, at));
            events.add(SampleVerdicts.passedOutput("req_" + i, tenant, 0, at.plusMillis(900)));
        }
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (GuardrailEvaluated event : events) {
                send(producer, null, event.requestId(), EventJson.toBytes(event));
            }
            // A bad record on each partition, a replay of one evaluation, then a marker behind the replay on the
            // same partition: once the marker is in ClickHouse, so is the replay.
            for (int partition = 0; partition < 2; partition++) {
                send(producer, partition, "bad", "{\"request_id\": oops".getBytes(StandardCharsets.UTF_8));
            }
            send(producer, 1, events.get(4).requestId(), EventJson.toBytes(events.get(4)));
            GuardrailEvaluated late = SampleVerdicts.passedOutput("req_9", "acme", 0, BASE.plusSeconds(3600));
            send(producer, 1, late.requestId(), EventJson.toBytes(late));
            events.add(late);
            producer.flush();
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(clickHouse.queryJsonEachRow("SELECT count() AS c, countIf(request_id = 'req_9') AS marker"
                        + " FROM guardrail_evaluations FINAL FORMAT JSONEachRow"))
                        .singleElement().satisfies(row -> {
                            assertThat(row.get("marker").asLong()).isEqualTo(1);
                            assertThat(row.get("c").asLong()).as("the replay counted once").isEqualTo(events.size());
                        }));

        assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
        assertThat(clickHouse.queryJsonEachRow("SELECT tenant, countIf(action_taken = 'deny') AS denials,"
                + " countIf(applies_to = 'output') AS outputs, sum(latency_micros) AS latency"
                + " FROM guardrail_evaluations FINAL GROUP BY tenant ORDER BY tenant FORMAT JSONEachRow"))
                .extracting(r -> r.get("tenant").asText() + ":" + r.get("denials").asLong() + ":"
                        + r.get("outputs").asLong() + ":" + r.get("latency").asLong())
                .containsExactly("acme:6:4:" + (3 * (140 + 141 + 35) + 35), "globex:6:3:" + 3 * (140 + 141 + 35));
        JsonNode row = clickHouse.queryJsonEachRow("SELECT * FROM guardrail_evaluations FINAL"
                + " WHERE request_id = 'req_4' AND check_index = 1 FORMAT JSONEachRow").get(0);
        GuardrailEvaluated expected = events.get(13);
        assertThat(row.get("occurred_at").asText()).isEqualTo("2026-11-25 10:04:04");
        assertThat(row.get("occurred_at_ms").asLong()).isEqualTo(expected.occurredAt().toEpochMilli());
        assertThat(row.get("trace_id").asText()).isEqualTo("trace-req_4");
        assertThat(row.get("user").asText()).isEqualTo("a@acme.com");
        assertThat(row.get("guardrail_id").asText()).isEqualTo("no-pii");
        assertThat(row.get("guardrail_version").asLong()).isEqualTo(3);
        assertThat(row.get("check_type").asText()).isEqualTo("pii");
        assertThat(row.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(row.get("category").asText()).isEqualTo("email");
        assertThat(row.get("match_count").asInt()).isEqualTo(2);
        assertThat(row.get("latency_micros").asLong()).isEqualTo(141);
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
