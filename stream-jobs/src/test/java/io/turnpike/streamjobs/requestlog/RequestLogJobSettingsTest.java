package io.turnpike.streamjobs.requestlog;

import io.turnpike.events.Topics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestLogJobSettingsTest {

    @Test
    void defaultsToTheRequestsTopicTurnpikeDatabaseAndOneSecondCheckpoints() {
        RequestLogJobSettings settings = RequestLogJobSettings.defaults("k:9092", "http://ch:8123");

        assertThat(settings.topic()).isEqualTo(Topics.REQUESTS);
        assertThat(settings.groupId()).isEqualTo("turnpike-request-log");
        assertThat(settings.clickHouse().database()).isEqualTo("turnpike");
        assertThat(settings.clickHouse().user()).isEqualTo("default");
        assertThat(settings.checkpointInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.parallelism()).isEqualTo(1);
    }

    @Test
    void parsesCommandLineAndTakesThePasswordFromTheEnvironment() {
        RequestLogJobSettings settings = RequestLogJobSettings.fromArgs(new String[] {
                "--kafka-bootstrap", "k:9092", "--clickhouse-url", "http://ch:8123", "--topic", "t",
                "--group-id", "g", "--clickhouse-database", "analytics", "--clickhouse-user", "writer",
                "--checkpoint-interval-ms", "5000", "--parallelism", "4", "--batch-size", "100"},
                Map.of(RequestLogJobSettings.PASSWORD_ENV, "s3cret"));

        assertThat(settings).isEqualTo(new RequestLogJobSettings("k:9092", "t", "g", "http://ch:8123", "analytics",
                "writer", "s3cret", Duration.ofSeconds(5), 4, 100));
    }

    @Test
    void neverPrintsThePassword() {
        RequestLogJobSettings settings = RequestLogJobSettings.defaults("k:9092", "http://ch:8123")
                .withClickHouseCredentials("writer", "s3cret");

        assertThat(settings.toString()).contains("writer").doesNotContain("s3cret");
        assertThat(settings.clickHouse().toString()).doesNotContain("s3cret");
    }

    @Test
    void rejectsUnknownOrMissingOptions() {
        assertThatThrownBy(() -> RequestLogJobSettings.fromArgs(
                new String[] {"--kafka-bootstrap", "k:9092"}, Map.of()))
                .hasMessageContaining("--clickhouse-url");
        assertThatThrownBy(() -> RequestLogJobSettings.fromArgs(new String[] {
                "--kafka-bootstrap", "k", "--clickhouse-url", "u", "--paralelism", "2"}, Map.of()))
                .hasMessageContaining("paralelism");
    }

    @Test
    void rejectsADatabaseNameThatIsNotAPlainIdentifier() {
        assertThatThrownBy(() -> RequestLogJobSettings.defaults("k", "u").withClickHouseDatabase("x; DROP"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
