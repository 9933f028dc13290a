package io.turnpike.query.http;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeInputTest {

    @Test
    void acceptsIsoInstantsAndEpochMillis() {
        assertThat(TimeInput.instant("from", "2026-11-25T10:00:00Z")).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(TimeInput.instant("from", "1795600800250")).isEqualTo(Instant.parse("2026-11-25T10:00:00.250Z"));
    }

    @Test
    void explainsWhatAnUnreadableTimeShouldLookLike() {
        assertThatThrownBy(() -> TimeInput.instant("to", "yesterday"))
                .isInstanceOf(ApiError.class)
                .hasMessageContaining("to must be an ISO-8601 instant")
                .hasMessageContaining("\"yesterday\"")
                .satisfies(e -> assertThat(((ApiError) e).field()).isEqualTo("to"));
    }

    @Test
    void namesFromWhenTheRangeEndsBeforeItStarts() {
        assertThatThrownBy(() -> TimeInput.requireOrdered(Optional.of(Instant.ofEpochSecond(10)),
                Optional.of(Instant.ofEpochSecond(5))))
                .isInstanceOf(ApiError.class)
                .satisfies(e -> assertThat(((ApiError) e).field()).isEqualTo("from"));
        TimeInput.requireOrdered(Optional.of(Instant.ofEpochSecond(5)), Optional.of(Instant.ofEpochSecond(5)));
    }
}
