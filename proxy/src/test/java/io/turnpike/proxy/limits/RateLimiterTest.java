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
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RateLimiterTest {
    private static final Map<String, String> ENG_ANA = Map.of("tenant", "acme", "team", "eng", "user", "ana@acme.io");
    private static final Map<String, String> ENG_BOB = Map.of("tenant", "acme", "team", "eng", "user", "bob@acme.io");
    private static final Map<String, String> OPS_CAROL = Map.of("tenant", "acme", "team", "ops", "user", "carol@acme.io");

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final List<RateLimitPolicyView> policies = new CopyOnWriteArrayList<>();
    private final RateLimitCounters counters = new RateLimitCounters(clock, 1_000);
    private final RateLimiter limiter = new RateLimiter(() -> List.copyOf(policies), counters, clock, event -> { });

    @Test
    void theRequestAfterTheLimitIsRefusedWithTheExactWait() {
        policies.add(requests("team-rpm", RateLimitScope.TEAM, Map.of(), 3L, null, null));
        assertThat(List.of(check(ENG_ANA), check(ENG_ANA), check(ENG_ANA)))
                .extracting(o -> o.verdicts().get(0).remaining()).containsExactly(2L, 1L, 0L);

        RateLimitOutcome fourth = check(ENG_ANA);

        assertThat(fourth.allowed()).isFalse();
        assertThat(fourth.counted()).isEmpty();
        RateLimitVerdict refusal = fourth.longestRefusal().orElseThrow();
        assertThat(refusal.retryAfterSeconds()).isEqualTo(20); // one of 3 slots per minute frees every 20 s
        assertThat(refusal.rule().name()).isEqualTo("requests_per_minute");
        assertThat(refusal.describe()).isEqualTo("rate limit \"team-rpm\" (3 requests per minute per team \"eng\")"
                + " exceeded; retry after 20 s");
        clock.advance(Duration.ofMillis(19_999));
        assertThat(check(ENG_ANA).longestRefusal().orElseThrow().retryAfterSeconds()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(check(ENG_ANA).allowed()).isTrue();
        assertThat(check(ENG_ANA).allowed()).isFalse();
    }

    @Test
    void aFractionalWaitIsRoundedUpToWholeSeconds() {
        policies.add(requests("seven", RateLimitScope.USER, Map.of(), 7L, null, null));
        for (int i = 0; i < 7; i++) {
            assertThat(check(ENG_ANA).allowed()).isTrue();
        }
        assertThat(check(ENG_ANA).longestRefusal().orElseThrow().retryAfterSeconds()).isEqualTo(9); // 8.572 s
    }

    @Test
    void whenSeveralLimitsAreExhaustedTheLongestWaitIsReported() {
        policies.add(requests("both", RateLimitScope.USER, Map.of(), 2L, 3L, null));
        check(ENG_ANA);
        check(ENG_ANA);
        clock.advance(Duration.ofMinutes(1));
        assertThat(check(ENG_ANA).allowed()).isTrue(); // the minute recovered; the hour has its 3rd request

        RateLimitVerdict refusal = check(ENG_ANA).longestRefusal().orElseThrow();

        // Hourly emission interval 20 min; the hour's TAT is 60 min after the first request, one minute ago.
        assertThat(refusal.rule().name()).isEqualTo("requests_per_hour");
        assertThat(refusal.retryAfterSeconds()).isEqualTo(19 * 60);
    }

    @Test
    void theLongestRefusalWinsAcrossPolicies() {
        policies.add(requests("user-rpm", RateLimitScope.USER, Map.of(), 1L, null, null));
        policies.add(requests("team-rpd", RateLimitScope.TEAM, Map.of(), null, null, 1L));
        check(ENG_ANA);

        RateLimitOutcome refused = check(ENG_ANA);

        assertThat(refused.verdicts()).extracting(v -> v.counter().policy().id(), RateLimitVerdict::retryAfterSeconds)
                .containsExactlyInAnyOrder(tuple("user-rpm", 60L), tuple("team-rpd", 86_400L));
        assertThat(refused.longestRefusal().orElseThrow().counter().policy().id()).isEqualTo("team-rpd");
    }

    @Test
    void aRefusedRequestIsCountedInNoPolicy() {
        policies.add(requests("team-rpm", RateLimitScope.TEAM, Map.of(), 10L, null, null));
        policies.add(requests("user-rpm", RateLimitScope.USER, Map.of(), 1L, null, null));
        check(ENG_ANA);
        assertThat(check(ENG_ANA).allowed()).isFalse();

        RateLimitOutcome bob = check(ENG_BOB);

        assertThat(bob.verdicts()).extracting(v -> v.counter().policy().id(), RateLimitVerdict::remaining)
                .containsExactlyInAnyOrder(tuple("team-rpm", 8L), tuple("user-rpm", 0L));
    }

    @Test
    void eachValueOfTheScopeIsCountedSeparately() {
        policies.add(requests("team-rpm", RateLimitScope.TEAM, Map.of(), 1L, null, null));
        assertThat(check(ENG_ANA).allowed()).isTrue();
        assertThat(check(OPS_CAROL).allowed()).isTrue();
        assertThat(check(ENG_BOB).allowed()).isFalse(); // same team as ana
        assertThat(check(OPS_CAROL).allowed()).isFalse();
    }

    @Test
    void onlyRequestsMatchingThePolicyAndHavingTheScopeValueAreCounted() {
        policies.add(requests("eng-users", RateLimitScope.USER, Map.of("team", "eng"), 1L, null, null));
        policies.add(requests("one-key", RateLimitScope.KEY, Map.of("key", "key-1"), 1L, null, null));

        assertThat(check("key-2", OPS_CAROL)).isEqualTo(RateLimitOutcome.NO_POLICY);
        assertThat(check("key-2", Map.of("team", "eng"))).isEqualTo(RateLimitOutcome.NO_POLICY); // no user
        assertThat(check("key-1", OPS_CAROL).verdicts()).extracting(v -> v.counter().scopeValue())
                .containsExactly("key-1");
        assertThat(check("key-1", OPS_CAROL).allowed()).isFalse();
        assertThat(check("key-2", ENG_ANA).verdicts()).extracting(v -> v.counter().scopeValue())
                .containsExactly("ana@acme.io");
    }

    @Test
    void tokensArePreCheckedOnAdmissionAndChargedOnSettle() {
        policies.add(new RateLimitPolicyView("team-tpm", RateLimitScope.TEAM, Map.of(), null, null, null, 1_000L));
        RateLimitOutcome first = check(ENG_ANA);
        assertThat(first.verdicts().get(0).remaining()).isEqualTo(1_000);
        RateLimitOutcome second = check(ENG_BOB); // admitted before the first one's tokens are known
        limiter.settle(first.counted(), 600);
        assertThat(check(ENG_ANA).verdicts().get(0).remaining()).isEqualTo(400);
        limiter.settle(second.counted(), 600);

        RateLimitVerdict refusal = check(ENG_ANA).longestRefusal().orElseThrow();

        // 200 tokens over: one token is available again after 201 × 60 ms = 12.06 s.
        assertThat(refusal.rule().name()).isEqualTo("tokens_per_minute");
        assertThat(refusal.retryAfterSeconds()).isEqualTo(13);
        clock.advance(Duration.ofMillis(12_059));
        assertThat(check(ENG_ANA).allowed()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(check(ENG_ANA).allowed()).isTrue();
        assertThat(check(OPS_CAROL).verdicts().get(0).remaining()).isEqualTo(1_000);
    }

    @Test
    void tokensOnlyGoToPoliciesWithATokenLimit() {
        policies.add(requests("user-rpm", RateLimitScope.USER, Map.of(), 5L, null, null));
        RateLimitOutcome admitted = check(ENG_ANA);
        limiter.settle(admitted.counted(), 1_000_000);
        assertThat(check(ENG_ANA).verdicts().get(0).remaining()).isEqualTo(3);
    }

    @Test
    void anEditedPolicyStartsWithFreshCounters() {
        policies.add(requests("team-rpm", RateLimitScope.TEAM, Map.of(), 1L, null, null));
        check(ENG_ANA);
        assertThat(check(ENG_ANA).allowed()).isFalse();
        policies.set(0, requests("team-rpm", RateLimitScope.TEAM, Map.of(), 2L, null, null));
        assertThat(check(ENG_ANA).allowed()).isTrue();
    }

    @Test
    void concurrentRequestsNeverExceedTheLimit() throws Exception {
        policies.add(requests("team-rpm", RateLimitScope.TEAM, Map.of(), 50L, null, null));
        policies.add(requests("user-rpm", RateLimitScope.USER, Map.of(), 1_000L, null, null));
        AtomicInteger allowed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> tasks = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Map<String, String> metadata = t % 2 == 0 ? ENG_ANA : ENG_BOB;
                tasks.add(() -> {
                    for (int i = 0; i < 100; i++) {
                        if (check(metadata).allowed()) {
                            allowed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(tasks)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(allowed.get()).isEqualTo(50);
        assertThat(check(ENG_ANA).verdicts()).hasSize(1); // only the team refuses
    }

    @Test
    void policiesRejectNonsense() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        requests("none", RateLimitScope.TEAM, Map.of(), null, null, null))
                .hasMessageContaining("sets no limit");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        requests("zero", RateLimitScope.TEAM, Map.of(), 0L, null, null))
                .hasMessageContaining("requests_per_minute must be between 1 and");
        assertThat(RateLimitScope.parse("tenant")).isEqualTo(RateLimitScope.TENANT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RateLimitScope.parse("org"))
                .hasMessageContaining("key, user, team, tenant");
    }

    private RateLimitOutcome check(Map<String, String> metadata) {
        return check("key-1", metadata);
    }

    private RateLimitOutcome check(String keyId, Map<String, String> metadata) {
        return limiter.check(keyId, metadata);
    }

    private static RateLimitPolicyView requests(String id, RateLimitScope scope, Map<String, String> match,
                                                Long perMinute, Long perHour, Long perDay) {
        return new RateLimitPolicyView(id, scope, match, perMinute, perHour, perDay, null);
    }
}
