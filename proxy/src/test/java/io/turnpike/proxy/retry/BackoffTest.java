package io.turnpike.proxy.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    private static final Duration BASE = Duration.ofMillis(200);
    private static final Duration CAP = Duration.ofSeconds(10);

    @Test
    void theCeilingDoublesWithEachRetryUntilTheCap() {
        Backoff backoff = new Backoff(BASE, CAP, new Random(7));

        assertThat(backoff.ceilingMillis(0)).isEqualTo(200);
        assertThat(backoff.ceilingMillis(1)).isEqualTo(400);
        assertThat(backoff.ceilingMillis(5)).isEqualTo(6_400);
        assertThat(backoff.ceilingMillis(6)).isEqualTo(10_000);
        assertThat(backoff.ceilingMillis(61)).isEqualTo(10_000);
        assertThat(backoff.ceilingMillis(1_000)).as("no overflow").isEqualTo(10_000);
    }

    @Test
    void everyDelayLiesBetweenZeroAndTheCeiling() {
        Backoff backoff = new Backoff(BASE, CAP, new Random(42));

        for (int retry = 0; retry < 10; retry++) {
            for (int sample = 0; sample < 500; sample++) {
                assertThat(backoff.delay(retry).toMillis()).isBetween(0L, backoff.ceilingMillis(retry));
            }
        }
    }

    @Test
    void fullJitterSpreadsDelaysOverTheWholeRange() {
        Backoff backoff = new Backoff(BASE, CAP, new Random(42));
        List<Long> delays = new ArrayList<>();
        for (int sample = 0; sample < 1_000; sample++) {
            delays.add(backoff.delay(3).toMillis()); // ceiling 1,600 ms
        }

        assertThat(delays).anyMatch(d -> d < 160).anyMatch(d -> d > 1_440);
        double mean = delays.stream().mapToLong(Long::longValue).average().orElseThrow();
        assertThat(mean).isBetween(700.0, 900.0);
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        Backoff first = new Backoff(BASE, CAP, new Random(99));
        Backoff second = new Backoff(BASE, CAP, new Random(99));

        for (int retry = 0; retry < 8; retry++) {
            assertThat(first.delay(retry)).isEqualTo(second.delay(retry));
        }
    }

    @Test
    void aZeroBaseNeverWaits() {
        Backoff backoff = new Backoff(Duration.ZERO, Duration.ZERO, new Random(1));

        assertThat(backoff.delay(0)).isZero();
        assertThat(backoff.delay(5)).isZero();
    }
}
