package io.turnpike.proxy.limits;

import io.turnpike.proxy.BudgetRefusal;
import io.turnpike.proxy.BudgetReservation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BudgetEnforcerTest {

    @Test
    void aUsdRefusalNamesTheBudgetAndStatesDollarsExactly() {
        BudgetRefusal refusal = new BudgetRefusal("bud_1", "Eng monthly", BudgetReservation.USD, 13_200_000,
                4_000_000, 250_000_000_000L);
        assertThat(BudgetEnforcer.describe(refusal)).isEqualTo("budget \"Eng monthly\" (bud_1) is exhausted: "
                + "this request may cost up to $0.0132 and $0.004 of $250.00 is left");
    }

    @Test
    void aTokenRefusalCountsTokensAndABudgetWithoutANameIsNamedByItsId() {
        BudgetRefusal refusal = new BudgetRefusal("eng-tokens", null, BudgetReservation.TOKENS, 1_900, 100, 10_000);
        assertThat(BudgetEnforcer.describe(refusal)).isEqualTo("budget \"eng-tokens\" is exhausted: "
                + "this request may use up to 1900 tokens and 100 of 10000 tokens are left");
    }
}
