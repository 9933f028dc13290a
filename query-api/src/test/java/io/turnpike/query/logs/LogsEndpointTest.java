package io.turnpike.query.logs;

import io.turnpike.query.http.ApiError;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogsEndpointTest {

    @Test
    void acceptsIsoInstantsAndEpochMillis() {
        assertThat(LogsEndpoint.instant("from", "2026-11-25T10:00:00Z")).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(LogsEndpoint.instant("from", "1795600800250")).isEqualTo(Instant.parse("2026-11-25T10:00:00.250Z"));
    }

    @Test
    void explainsWhatAnUnreadableTimeShouldLookLike() {
        assertThatThrownBy(() -> LogsEndpoint.instant("to", "yesterday"))
                .isInstanceOf(ApiError.class)
                .hasMessageContaining("to must be an ISO-8601 instant")
                .hasMessageContaining("\"yesterday\"");
    }
}
