package io.turnpike.aggregates.budgets;

import io.turnpike.aggregates.ConflictException;
import io.turnpike.aggregates.NotFoundException;
import io.turnpike.aggregates.ValidationException;
import io.turnpike.events.budget.BudgetCreated;
import io.turnpike.events.budget.BudgetLimitChanged;
import io.turnpike.events.budget.BudgetRetired;
import io.turnpike.events.budget.BudgetPeriodReset;
import io.turnpike.events.budget.BudgetThresholdCrossed;
import io.turnpike.events.budget.ReservationExpired;
import io.turnpike.events.budget.ReservationReleased;
import io.turnpike.events.budget.SpendRefused;
import io.turnpike.events.budget.SpendReserved;
import io.turnpike.events.budget.SpendSettled;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.startsWith;

class BudgetTest {
    private static final String ID = "support-prod";
    private static final Map<String, String> SCOPE = Map.of("tenant", "acme", "team", "support", "env", "prod");
    private static final long LIMIT = 1_000;
    private static final Instant CREATED = Instant.parse("2025-03-12T15:30:00Z");
    private static final Instant DAY_START = Instant.parse("2025-03-12T00:00:00Z");
    private static final Instant LATER = CREATED.plusSeconds(60);
    private static final Instant DEADLINE = LATER.plusSeconds(600);
    private static final Instant NEXT_DAY = Instant.parse("2025-03-13T00:00:05Z");

    private AggregateTestFixture<Budget> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Budget.class);
    }

    private static CreateBudgetCommand create(Map<String, String> scope, String unit, long limit, String period,
                                              List<Integer> thresholds) {
        return new CreateBudgetCommand(ID, "Support prod", scope, unit, limit, period, thresholds, "alice", CREATED);
    }

    private static BudgetCreated created() {
        return new BudgetCreated(ID, "Support prod", SCOPE, "usd", LIMIT, "daily", DAY_START, List.of(50, 80, 100),
                "alice", CREATED);
    }

    private static SpendReserved reserved(String reservationId, long amount) {
        return new SpendReserved(ID, reservationId, "req-" + reservationId, amount, DEADLINE, LATER);
    }

    private static ReserveSpendCommand reserve(String reservationId, long amount, Instant now) {
        return new ReserveSpendCommand(ID, reservationId, "req-" + reservationId, amount, DEADLINE.plusSeconds(
                now.getEpochSecond() - LATER.getEpochSecond()), now);
    }

    @Test
    void createsDailyBudgetStartingAtMidnightUtcWithDefaultThresholds() {
        fixture.givenNoPriorActivity()
                .when(create(SCOPE, "usd", LIMIT, "daily", null))
                .expectEvents(created());
    }

    @Test
    void storesThresholdsSortedAndDistinct() {
        fixture.givenNoPriorActivity()
                .when(create(Map.of("key_id", "key_1"), "tokens", 5_000, "none", List.of(90, 25, 90)))
                .expectEvents(new BudgetCreated(ID, "Support prod", Map.of("key_id", "key_1"), "tokens", 5_000,
                        "none", CREATED, List.of(25, 90), "alice", CREATED));
    }

    @Test
    void rejectsCreatingAnExistingBudgetAsConflict() {
        fixture.given(created())
                .when(create(SCOPE, "usd", LIMIT, "daily", null))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsUnknownScopeDimensionNamingIt() {
        fixture.givenNoPriorActivity()
                .when(create(Map.of("department", "x"), "usd", LIMIT, "daily", null))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("budgets.scope.department:"));
    }

    @Test
    void rejectsEmptyScope() {
        fixture.givenNoPriorActivity()
                .when(create(Map.of(), "usd", LIMIT, "daily", null))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("budgets.scope:"));
    }

    @Test
    void rejectsUnknownUnitNonPositiveLimitAndBadThresholds() {
        fixture.givenNoPriorActivity()
                .when(create(SCOPE, "eur", LIMIT, "daily", null))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("budgets.unit:"));
        fixture.givenNoPriorActivity()
                .when(create(SCOPE, "usd", 0, "daily", null))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("budgets.limit:"));
        fixture.givenNoPriorActivity()
                .when(create(SCOPE, "usd", LIMIT, "daily", List.of(0)))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("budgets.thresholds:"));
    }

    @Test
    void reservesWhatFitsAndReportsTheRemainder() {
        fixture.given(created(), reserved("r1", 600))
                .when(reserve("r2", 400, LATER))
                .expectEvents(reserved("r2", 400))
                .expectResultMessagePayload(new ReserveOutcome(true, LIMIT, 1_000, 0));
    }

    @Test
    void refusesWhatWouldExceedTheLimitCountingReservedAndSpent() {
        fixture.given(created(), reserved("r1", 500), new SpendSettled(ID, "r1", "req-r1", 500, 300, LATER),
                        reserved("r2", 600))
                .when(reserve("r3", 101, LATER))
                .expectEvents(new SpendRefused(ID, "req-r3", 101, LIMIT, 600, 300, LATER))
                .expectResultMessagePayload(new ReserveOutcome(false, LIMIT, 600, 300));
    }

    @Test
    void rejectsNonPositiveAmountAndPastDeadline() {
        fixture.given(created())
                .when(new ReserveSpendCommand(ID, "r1", "req", 0, DEADLINE, LATER))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("amount:"));
        fixture.given(created())
                .when(new ReserveSpendCommand(ID, "r1", "req", 5, LATER, LATER))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("expires_at:"));
    }

    @Test
    void rejectsReusingAReservationId() {
        fixture.given(created(), reserved("r1", 10))
                .when(reserve("r1", 10, LATER))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void settlesTheActualCostReleasingTheRest() {
        fixture.given(created(), reserved("r1", 400))
                .when(new SettleSpendCommand(ID, "r1", 120, LATER))
                .expectEvents(new SpendSettled(ID, "r1", "req-r1", 400, 120, LATER));
    }

    @Test
    void crossesEachThresholdOnceWhenSettledSpendReachesIt() {
        fixture.given(created(), reserved("r1", 900), reserved("r2", 100))
                .when(new SettleSpendCommand(ID, "r1", 850, LATER))
                .expectEvents(new SpendSettled(ID, "r1", "req-r1", 900, 850, LATER),
                        new BudgetThresholdCrossed(ID, SCOPE, "usd", 50, 850, LIMIT, DAY_START, LATER),
                        new BudgetThresholdCrossed(ID, SCOPE, "usd", 80, 850, LIMIT, DAY_START, LATER));
    }

    @Test
    void doesNotCrossAThresholdTwiceInOnePeriod() {
        fixture.given(created(), reserved("r1", 600), reserved("r2", 100),
                        new SpendSettled(ID, "r1", "req-r1", 600, 600, LATER),
                        new BudgetThresholdCrossed(ID, SCOPE, "usd", 50, 600, LIMIT, DAY_START, LATER))
                .when(new SettleSpendCommand(ID, "r2", 10, LATER))
                .expectEvents(new SpendSettled(ID, "r2", "req-r2", 100, 10, LATER));
    }

    @Test
    void settlingAnUnknownReservationIsNotFound() {
        fixture.given(created())
                .when(new SettleSpendCommand(ID, "nope", 10, LATER))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void releasesAReservationWithoutCharging() {
        fixture.given(created(), reserved("r1", 400))
                .when(new ReleaseReservationCommand(ID, "r1", LATER))
                .expectEvents(new ReservationReleased(ID, "r1", 400, LATER));
    }

    @Test
    void releasingAnUnknownReservationIsNotFound() {
        fixture.given(created())
                .when(new ReleaseReservationCommand(ID, "nope", LATER))
                .expectException(NotFoundException.class);
    }

    @Test
    void expiresOverdueReservationsBeforeDecidingSoTheirAmountIsFreeAgain() {
        Instant afterDeadline = DEADLINE.plusSeconds(1);
        fixture.given(created(), reserved("r1", 1_000))
                .when(reserve("r2", 700, afterDeadline))
                .expectEvents(new ReservationExpired(ID, "r1", 1_000, DEADLINE, afterDeadline),
                        new SpendReserved(ID, "r2", "req-r2", 700, DEADLINE.plusSeconds(
                                afterDeadline.getEpochSecond() - LATER.getEpochSecond()), afterDeadline));
    }

    @Test
    void explicitExpiryReleasesOnlyOverdueReservations() {
        Instant between = DEADLINE.plusSeconds(1);
        fixture.given(created(), reserved("r1", 300),
                        new SpendReserved(ID, "r2", "req-r2", 200, DEADLINE.plusSeconds(3_600), LATER))
                .when(new ExpireReservationsCommand(ID, between))
                .expectEvents(new ReservationExpired(ID, "r1", 300, DEADLINE, between));
    }

    @Test
    void aLateSettleOfAnExpiredReservationStillChargesItsActualCostOnce() {
        Instant late = DEADLINE.plusSeconds(5);
        fixture.given(created(), reserved("r1", 300), new ReservationExpired(ID, "r1", 300, DEADLINE, late))
                .when(new SettleSpendCommand(ID, "r1", 120, late))
                .expectEvents(new SpendSettled(ID, "r1", null, 0, 120, late));
        fixture.given(created(), reserved("r1", 300), new ReservationExpired(ID, "r1", 300, DEADLINE, late),
                        new SpendSettled(ID, "r1", null, 0, 120, late))
                .when(new SettleSpendCommand(ID, "r1", 120, late))
                .expectException(NotFoundException.class);
    }

    @Test
    void releasingAnExpiredReservationIsHarmless() {
        Instant late = DEADLINE.plusSeconds(5);
        fixture.given(created(), reserved("r1", 300), new ReservationExpired(ID, "r1", 300, DEADLINE, late))
                .when(new ReleaseReservationCommand(ID, "r1", late))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theFirstCommandOfANewPeriodResetsSpendAndThenDecides() {
        Instant nextMidnight = Instant.parse("2025-03-13T00:00:00Z");
        fixture.given(created(), reserved("r1", 900), new SpendSettled(ID, "r1", "req-r1", 900, 900, LATER))
                .when(new ReserveSpendCommand(ID, "r2", "req-r2", 800, NEXT_DAY.plusSeconds(60), NEXT_DAY))
                .expectEvents(new BudgetPeriodReset(ID, DAY_START, nextMidnight, 900, NEXT_DAY),
                        new SpendReserved(ID, "r2", "req-r2", 800, NEXT_DAY.plusSeconds(60), NEXT_DAY));
    }

    @Test
    void thresholdsCanBeCrossedAgainInTheNextPeriod() {
        Instant nextMidnight = Instant.parse("2025-03-13T00:00:00Z");
        fixture.given(created(), reserved("r1", 600), new SpendSettled(ID, "r1", "req-r1", 600, 600, LATER),
                        new BudgetThresholdCrossed(ID, SCOPE, "usd", 50, 600, LIMIT, DAY_START, LATER),
                        new BudgetPeriodReset(ID, DAY_START, nextMidnight, 600, NEXT_DAY),
                        new SpendReserved(ID, "r2", "req-r2", 600, NEXT_DAY.plusSeconds(60), NEXT_DAY))
                .when(new SettleSpendCommand(ID, "r2", 500, NEXT_DAY))
                .expectEvents(new SpendSettled(ID, "r2", "req-r2", 600, 500, NEXT_DAY),
                        new BudgetThresholdCrossed(ID, SCOPE, "usd", 50, 500, LIMIT, nextMidnight, NEXT_DAY));
    }

    @Test
    void commandsOnAnUnknownBudgetAreNotFound() {
        fixture.givenNoPriorActivity()
                .when(reserve("r1", 10, LATER))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void aLoweredLimitRefusesWhatNoLongerFits() {
        fixture.given(created(), reserved("r1", 500),
                        new BudgetLimitChanged(ID, LIMIT, 600, List.of(50, 80, 100), "bob", LATER))
                .when(reserve("r2", 200, LATER))
                .expectEvents(new SpendRefused(ID, "req-r2", 200, 600, 500, 0, LATER));
    }

    @Test
    void changesTheLimitAndKeepsThresholdsUnlessGiven() {
        fixture.given(created())
                .when(new ChangeBudgetLimitCommand(ID, 2_000, null, "bob", LATER))
                .expectEvents(new BudgetLimitChanged(ID, LIMIT, 2_000, List.of(50, 80, 100), "bob", LATER));
    }

    @Test
    void refusesANonPositiveLimitChange() {
        fixture.given(created())
                .when(new ChangeBudgetLimitCommand(ID, 0, null, "bob", LATER))
                .expectException(ValidationException.class)
                .expectNoEvents();
    }

    @Test
    void aRetiredBudgetTakesNoNewReservationsButSettlesOpenOnes() {
        fixture.given(created(), reserved("r1", 500), new BudgetRetired(ID, "bob", LATER))
                .when(new SettleSpendCommand(ID, "r1", 300, LATER))
                .expectEvents(new SpendSettled(ID, "r1", "req-r1", 500, 300, LATER));
        fixture.given(created(), new BudgetRetired(ID, "bob", LATER))
                .when(reserve("r2", 100, LATER))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void retiresOnce() {
        fixture.given(created())
                .when(new RetireBudgetCommand(ID, "bob", LATER))
                .expectEvents(new BudgetRetired(ID, "bob", LATER));
        fixture.given(created(), new BudgetRetired(ID, "bob", LATER))
                .when(new RetireBudgetCommand(ID, "bob", LATER))
                .expectException(ConflictException.class);
    }
}
