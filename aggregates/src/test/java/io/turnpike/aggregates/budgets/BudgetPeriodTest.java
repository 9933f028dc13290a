package io.turnpike.aggregates.budgets;

import io.turnpike.aggregates.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BudgetPeriodTest {
    private static final Instant CREATED = Instant.parse("2025-03-12T15:30:00Z"); // a Wednesday

    private static Instant start(String period, String now) {
        return BudgetPeriod.parse(period).startOf(Instant.parse(now), CREATED);
    }

    @Test
    void dailyPeriodsStartAtMidnightUtc() {
        assertThat(start("daily", "2025-03-14T23:59:59Z")).isEqualTo(Instant.parse("2025-03-14T00:00:00Z"));
        assertThat(start("daily", "2025-03-15T00:00:00Z")).isEqualTo(Instant.parse("2025-03-15T00:00:00Z"));
    }

    @Test
    void weeklyPeriodsStartOnMondayMidnightUtc() {
        assertThat(start("weekly", "2025-03-16T23:00:00Z")).isEqualTo(Instant.parse("2025-03-10T00:00:00Z"));
        assertThat(start("weekly", "2025-03-17T00:00:00Z")).isEqualTo(Instant.parse("2025-03-17T00:00:00Z"));
    }

    @Test
    void monthlyPeriodsStartOnTheFirstMidnightUtc() {
        assertThat(start("monthly", "2025-02-28T12:00:00Z")).isEqualTo(Instant.parse("2025-02-01T00:00:00Z"));
        assertThat(start("monthly", "2025-03-01T00:00:00Z")).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
    }

    @Test
    void customPeriodsCountDaysFromTheCreationDay() {
        assertThat(start("custom:10", "2025-03-12T16:00:00Z")).isEqualTo(Instant.parse("2025-03-12T00:00:00Z"));
        assertThat(start("custom:10", "2025-03-21T23:59:59Z")).isEqualTo(Instant.parse("2025-03-12T00:00:00Z"));
        assertThat(start("custom:10", "2025-03-22T00:00:00Z")).isEqualTo(Instant.parse("2025-03-22T00:00:00Z"));
    }

    @Test
    void noPeriodNeverRollsOver() {
        assertThat(start("none", "2031-01-01T00:00:00Z")).isEqualTo(CREATED);
    }

    @Test
    void rejectsUnknownPeriodsNamingTheField() {
        for (String bad : new String[]{"hourly", "custom:0", "custom:400", "custom:", "Daily"}) {
            assertThatThrownBy(() -> BudgetPeriod.parse(bad)).isInstanceOf(ValidationException.class)
                    .hasMessageStartingWith("budgets.period:");
        }
    }
}
