package io.turnpike.proxy.limits.counters;

import io.turnpike.proxy.RateLimitPolicyView;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitGcraTest {
    private static final long MINUTE = 60_000;
    private static final long T0 = 1_790_000_000_000L;

    @Test
    void aFullBurstFitsThenTheNextUnitWaitsExactlyOneInterval() {
        RateLimitGcra fivePerMinute = new RateLimitGcra(5, MINUTE, T0);
        for (int i = 0; i < 5; i++) {
            assertThat(fivePerMinute.waitMillis(T0)).isZero();
            fivePerMinute.consume(T0, 1);
        }
        assertThat(fivePerMinute.remaining(T0)).isZero();
        assertThat(fivePerMinute.waitMillis(T0)).isEqualTo(12_000);
        assertThat(fivePerMinute.waitMillis(T0 + 11_999)).isEqualTo(1);
        assertThat(fivePerMinute.waitMillis(T0 + 12_000)).isZero();
        assertThat(fivePerMinute.remaining(T0 + 12_000)).isEqualTo(1);
    }

    @Test
    void capacityComesBackGraduallyNotAtAWindowBoundary() {
        RateLimitGcra fivePerMinute = new RateLimitGcra(5, MINUTE, T0);
        fivePerMinute.consume(T0, 5);
        assertThat(fivePerMinute.remaining(T0 + 30_000)).isEqualTo(2);
        assertThat(fivePerMinute.remaining(T0 + 59_999)).isEqualTo(4);
        assertThat(fivePerMinute.remaining(T0 + 60_000)).isEqualTo(5);
        assertThat(fivePerMinute.remaining(T0 + 600_000)).isEqualTo(5);
        assertThat(fivePerMinute.busyMillis(T0 + 600_000)).isZero();
    }

    @Test
    void intervalsThatAreNotWholeMillisecondsStayExact() {
        RateLimitGcra sevenPerMinute = new RateLimitGcra(7, MINUTE, T0);
        sevenPerMinute.consume(T0, 7);
        // 60 000 / 7 = 8 571.43 ms: rounded up to the next millisecond, never down.
        assertThat(sevenPerMinute.waitMillis(T0)).isEqualTo(8_572);
        assertThat(sevenPerMinute.waitMillis(T0 + 8_571)).isEqualTo(1);
        assertThat(sevenPerMinute.waitMillis(T0 + 8_572)).isZero();
        // Seven intervals later exactly the seven units are back, with no drift accumulated.
        assertThat(sevenPerMinute.remaining(T0 + 59_999)).isEqualTo(6);
        assertThat(sevenPerMinute.remaining(T0 + 60_000)).isEqualTo(7);
    }

    @Test
    void anOverdraftMustBeRepaidBeforeTheNextUnit() {
        RateLimitGcra thousandTokensPerMinute = new RateLimitGcra(1_000, MINUTE, T0);
        thousandTokensPerMinute.consume(T0, 2_500); // one response larger than the whole allowance
        // 1 500 tokens in debt at 60 ms per token: one token is available again after 1 501 × 60 ms.
        assertThat(thousandTokensPerMinute.waitMillis(T0)).isEqualTo(90_060);
        assertThat(thousandTokensPerMinute.waitMillis(T0 + 90_059)).isEqualTo(1);
        assertThat(thousandTokensPerMinute.waitMillis(T0 + 90_060)).isZero();
        assertThat(thousandTokensPerMinute.busyMillis(T0 + 90_060)).isEqualTo(150_000 - 90_060);
    }

    @Test
    void hugeCountsSaturateInsteadOfOverflowing() {
        RateLimitGcra counter = new RateLimitGcra(RateLimitPolicyView.MAX_LIMIT, 86_400_000, T0);
        counter.consume(T0, Long.MAX_VALUE);
        counter.consume(T0, Long.MAX_VALUE);
        assertThat(counter.waitMillis(T0)).isPositive();
        assertThat(counter.remaining(T0)).isZero();
        assertThat(counter.waitMillis(T0 + 365L * 86_400_000 * 1000)).isZero();
    }

    @Test
    void aClockThatStepsBackIsTreatedAsNoTimePassing() {
        RateLimitGcra twoPerMinute = new RateLimitGcra(2, MINUTE, T0);
        twoPerMinute.consume(T0, 2);
        assertThat(twoPerMinute.waitMillis(T0 - 5_000)).isEqualTo(30_000);
    }
}
