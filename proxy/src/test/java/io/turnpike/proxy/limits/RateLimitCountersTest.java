package io.turnpike.proxy.limits;

import io.turnpike.proxy.RateLimitPolicyView;
import io.turnpike.proxy.RateLimitScope;
import io.turnpike.proxy.SettableClock;
import io.turnpike.proxy.limits.counters.RateLimitCounters;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitCountersTest {
    private static final RateLimitPolicyView PER_USER = new RateLimitPolicyView("per-user", RateLimitScope.USER,
            Map.of(), 10L, null, null, 1_000L);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-25T10:00:00Z"));

    @Test
    void anIdleCounterIsEvictedOnceItsLongestPeriodHasPassed() {
        RateLimitCounters counters = new RateLimitCounters(clock, 1_000);
        RateLimiter limiter = new RateLimiter(() -> List.of(PER_USER), counters, clock, event -> { });
        limiter.check("key-1", Map.of("user", "ana"));
        limiter.check("key-1", Map.of("user", "bob"));
        assertThat(counters.size()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(59));
        limiter.check("key-1", Map.of("user", "bob"));
        clock.advance(Duration.ofSeconds(1));

        assertThat(counters.size()).isEqualTo(1); // ana idle for a minute; bob used 1 s ago
        clock.advance(Duration.ofSeconds(59));
        assertThat(counters.size()).isZero();
    }

    @Test
    void aCounterInTokenDebtIsKeptUntilTheDebtIsRepaid() {
        RateLimitCounters counters = new RateLimitCounters(clock, 1_000);
        RateLimiter limiter = new RateLimiter(() -> List.of(PER_USER), counters, clock, event -> { });
        limiter.settle(limiter.check("key-1", Map.of("user", "ana")).counted(), 3_000); // 3 minutes of tokens

        clock.advance(Duration.ofSeconds(119)); // well past the one-minute period: only the debt keeps it
        assertThat(counters.size()).isEqualTo(1);
        assertThat(limiter.check("key-1", Map.of("user", "ana")).allowed()).isFalse(); // 1 token back at 120.06 s
        clock.advance(Duration.ofSeconds(60));
        assertThat(counters.size()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1)); // 180 s: the debt is repaid, the counter is as good as new
        assertThat(counters.size()).isZero();
    }

    @Test
    void theNumberOfCountersIsBounded() {
        RateLimitCounters counters = new RateLimitCounters(clock, 3);
        RateLimiter limiter = new RateLimiter(() -> List.of(PER_USER), counters, clock, event -> { });
        for (int i = 0; i < 50; i++) {
            limiter.check("key-1", Map.of("user", "user-" + i));
        }
        assertThat(counters.size()).isLessThanOrEqualTo(3);
    }
}
