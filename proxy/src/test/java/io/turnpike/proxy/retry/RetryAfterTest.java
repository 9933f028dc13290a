package io.turnpike.proxy.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        assertThat(RetryAfter.parse("1500", "30", NOW)).hasValue(Duration.ofMillis(1500));
    }

    @Test
    void fractionalMillisecondsRoundUp() {
        assertThat(RetryAfter.parse("12.2", null, NOW)).hasValue(Duration.ofMillis(13));
    }

    @Test
    void retryAfterInSeconds() {
        assertThat(RetryAfter.parse(null, "7", NOW)).hasValue(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(null, " 1.5 ", NOW)).hasValue(Duration.ofMillis(1500));
    }

    @Test
    void retryAfterAsAnHttpDate() {
        assertThat(RetryAfter.parse(null, "Wed, 25 Nov 2026 10:00:30 GMT", NOW)).hasValue(Duration.ofSeconds(30));
    }

    @Test
    void anHttpDateInThePastMeansNow() {
        assertThat(RetryAfter.parse(null, "Wed, 25 Nov 2026 09:59:00 GMT", NOW)).hasValue(Duration.ZERO);
    }

    @Test
    void anUnreadableRetryAfterMsFallsBackToRetryAfter() {
        assertThat(RetryAfter.parse("soon", "2", NOW)).hasValue(Duration.ofSeconds(2));
    }

    @Test
    void nothingUsableIsEmpty() {
        assertThat(RetryAfter.parse(null, null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("", " ", NOW)).isEmpty();
        assertThat(RetryAfter.parse(null, "tomorrow", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", "-1", NOW)).isEmpty();
        assertThat(RetryAfter.parse("NaN", "Infinity", NOW)).isEmpty();
    }
}
