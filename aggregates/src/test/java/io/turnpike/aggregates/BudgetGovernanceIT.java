package io.turnpike.aggregates;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The budget façade on the embedded store with a hand-moved clock: rollover, expiry, scope matching, restart. */
class BudgetGovernanceIT {
    private static final Map<String, String> SUPPORT_PROD = Map.of("tenant", "acme", "team", "support", "env", "prod");
    private static final Instant EVENING = Instant.parse("2025-03-12T23:59:00Z");

    @TempDir
    Path home;
    private final MutableClock clock = new MutableClock(EVENING);

    private Governance start() {
        return Governance.start(GovernanceOptions.embedded(home), clock);
    }

    @Test
    void dailyBudgetRollsOverAtMidnightUtc() {
        try (Governance governance = start()) {
            governance.createBudget("support-prod", null, SUPPORT_PROD, "usd", 1_000, "daily", null, "alice");
            ReservationView first = governance.reserve("support-prod", "req-1", 900, clock.instant().plusSeconds(30));
            governance.settle("support-prod", first.reservationId(), 900);
            assertThatThrownBy(() -> governance.reserve("support-prod", "req-2", 200, clock.instant().plusSeconds(30)))
                    .isInstanceOf(BudgetExceededException.class)
                    .hasMessageContaining("budget 'support-prod'")
                    .satisfies(e -> assertThat(((BudgetExceededException) e).available()).isEqualTo(100));

            clock.set(Instant.parse("2025-03-13T00:00:01Z"));
            BudgetView beforeAnyCommand = governance.budget("support-prod").orElseThrow();
            assertThat(beforeAnyCommand.spent()).isZero();
            assertThat(beforeAnyCommand.periodStart()).isEqualTo(Instant.parse("2025-03-13T00:00:00Z"));

            ReservationView next = governance.reserve("support-prod", "req-3", 800, clock.instant().plusSeconds(30));
            assertThat(next.remainingAfter()).isEqualTo(200);
            assertThat(governance.budget("support-prod").orElseThrow())
                    .extracting(BudgetView::reserved, BudgetView::spent, BudgetView::remaining)
                    .containsExactly(800L, 0L, 200L);
        }
    }

    @Test
    void reservationsPastTheirDeadlineAreReleasedAndALateSettleStillCharges() {
        try (Governance governance = start()) {
            governance.createBudget("tokens-key", null, Map.of("key_id", "key_1"), "tokens", 10_000, "none",
                    List.of(50), "alice");
            ReservationView crashed = governance.reserve("tokens-key", "req-1", 10_000, clock.instant().plusSeconds(60));
            assertThatThrownBy(() -> governance.reserve("tokens-key", "req-2", 1, clock.instant().plusSeconds(60)))
                    .isInstanceOf(BudgetExceededException.class);

            clock.advance(Duration.ofSeconds(61));
            governance.expireReservations("tokens-key");
            assertThat(governance.budget("tokens-key").orElseThrow())
                    .extracting(BudgetView::reserved, BudgetView::openReservations).containsExactly(0L, 0);

            governance.settle("tokens-key", crashed.reservationId(), 6_000);
            assertThat(governance.budget("tokens-key").orElseThrow().spent()).isEqualTo(6_000);
            assertThatThrownBy(() -> governance.settle("tokens-key", crashed.reservationId(), 6_000))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void findsEveryBudgetWhoseWholeScopeMatchesAndKeepsThemAcrossRestart() {
        try (Governance governance = start()) {
            governance.createBudget("acme", null, Map.of("tenant", "acme"), "usd", 5_000, "monthly", null, "alice");
            governance.createBudget("support-prod", null, SUPPORT_PROD, "usd", 1_000, "weekly", null, "alice");
            governance.createBudget("the-key", null, Map.of("key_id", "key_1"), "tokens", 9, "none", null, "alice");
            governance.createBudget("eng", null, Map.of("team", "eng"), "usd", 1_000, "daily", null, "alice");
            ReservationView open = governance.reserve("acme", "req-1", 700, clock.instant().plusSeconds(600));
            assertThatThrownBy(() -> governance.createBudget("acme", null, Map.of("tenant", "x"), "usd", 1, "none",
                    null, "bob")).isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> governance.reserve("missing", "req", 1, clock.instant().plusSeconds(5)))
                    .isInstanceOf(NotFoundException.class);
            assertThat(governance.createBudget(null, "generated", Map.of("user", "a@acme.com"), "usd", 1, "none",
                    null, "alice").id()).startsWith("bud_");
            assertThat(open.remainingAfter()).isEqualTo(4_300);
        }
        try (Governance governance = start()) {
            Map<String, String> request = Map.of("tenant", "acme", "team", "support", "env", "prod", "user", "b@acme.com");
            assertThat(governance.budgetsFor(request, "key_1")).extracting(BudgetView::id)
                    .containsExactly("acme", "support-prod", "the-key");
            assertThat(governance.budgetsFor(Map.of("tenant", "acme", "team", "support", "env", "dev"), "key_2"))
                    .extracting(BudgetView::id).containsExactly("acme");
            assertThat(governance.budget("acme").orElseThrow())
                    .extracting(BudgetView::reserved, BudgetView::remaining, BudgetView::thresholds)
                    .containsExactly(700L, 4_300L, List.of(50, 80, 100));
            assertThat(governance.budget("support-prod").orElseThrow().periodStart())
                    .isEqualTo(Instant.parse("2025-03-10T00:00:00Z"));
        }
    }

    @Test
    void limitChangesApplyAtOnceAndARetiredBudgetStopsMatchingButSettlesWhatIsOpen() {
        try (Governance governance = start()) {
            governance.createBudget("eng", null, Map.of("team", "eng"), "usd", 1_000, "none", null, "alice");
            ReservationView open = governance.reserve("eng", "req-1", 800, clock.instant().plusSeconds(60));
            assertThatThrownBy(() -> governance.reserve("eng", "req-2", 300, clock.instant().plusSeconds(60)))
                    .isInstanceOf(BudgetExceededException.class);

            BudgetView raised = governance.changeBudgetLimit("eng", 2_000, List.of(90), "bob");
            assertThat(raised).extracting(BudgetView::limit, BudgetView::remaining, BudgetView::thresholds)
                    .containsExactly(2_000L, 1_200L, List.of(90));
            governance.reserve("eng", "req-2", 300, clock.instant().plusSeconds(60));

            governance.retireBudget("eng", "bob");
            assertThat(governance.budgets()).isEmpty();
            assertThat(governance.budgetsFor(Map.of("team", "eng"), "key_1")).isEmpty();
            governance.settle("eng", open.reservationId(), 700);
            assertThatThrownBy(() -> governance.reserve("eng", "req-3", 1, clock.instant().plusSeconds(60)))
                    .isInstanceOf(NotFoundException.class);
        }
        try (Governance restarted = start()) {
            assertThat(restarted.budget("eng")).as("retirement survives a restart").isEmpty();
        }
    }
}
