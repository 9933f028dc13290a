package io.turnpike.proxy.exchange;

import io.turnpike.events.config.Target;
import io.turnpike.proxy.BudgetHold;
import io.turnpike.proxy.KeyGrant;
import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.cache.store.ResponseCacheStatus;
import io.undertow.server.HttpServerExchange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The facts a call records, as each step states them; the exchange is never written to here. */
class ProxyCallTest {
    private final ProxyCall call = new ProxyCall(new HttpServerExchange(null), "req_1", Instant.EPOCH, 0L);

    @Test
    void theKeysConfigRoutesTheCallUntilTheCallChoosesAnother() {
        call.authenticated(new KeyGrant("key-1", "ci", "config-a", Map.of(), false));
        assertThat(call.configId()).isEqualTo("config-a");

        call.routedBy("config-b");

        assertThat(call.configId()).isEqualTo("config-b");
        assertThat(call.key().configId()).isEqualTo("config-a");
    }

    @Test
    void theModelIsTheForwardedOneOnceKnownElseTheRequestedOne() {
        call.requested("claude-sonnet-4-5", true);
        assertThat(call.model()).isEqualTo("claude-sonnet-4-5");

        call.forwarding("claude-haiku-4-5");

        assertThat(call.model()).isEqualTo("claude-haiku-4-5");
        assertThat(call.requestedModel()).isEqualTo("claude-sonnet-4-5");
        assertThat(call.stream()).isTrue();
    }

    @Test
    void theTargetPathIsThePathOfTheTargetTaken() {
        assertThat(call.targetPath()).isNull();
        ProviderAccount account = new ProviderAccount("mock-1", "mock", Map.of(), null);

        call.targeting(3, target("config.targets[1]"), account);

        assertThat(call.targetPath()).isEqualTo("config.targets[1]");
        assertThat(call.configVersion()).isEqualTo(3);
        assertThat(call.provider()).isSameAs(account);
    }

    @Test
    void theBudgetHoldIsHandedOverOnce() {
        BudgetHold hold = BudgetHold.reserved("req_1", List.of());
        call.holding(hold);

        assertThat(call.takeBudgetHold()).isSameAs(hold);
        assertThat(call.takeBudgetHold()).isNull();
    }

    @Test
    void aForcedRefreshIsAMissThatSaysSo() {
        call.cacheMissed(true, null);
        assertThat(call.cacheStatus()).isEqualTo(ResponseCacheStatus.REFRESH);
        assertThat(call.cacheHit()).isFalse();

        call.cacheMissed(false, null);
        assertThat(call.cacheStatus()).isEqualTo(ResponseCacheStatus.MISS);

        call.answeredFromCache();
        assertThat(call.cacheHit()).isTrue();
    }

    @Test
    void attemptsCountUpAndTheCountersAreKeptAsGiven() {
        call.attemptMade();
        call.attemptMade();
        call.answeredAfterRetries(1);

        assertThat(call.attempts()).isEqualTo(2);
        assertThat(call.retryCount()).isEqualTo(1);
        assertThat(call.rateLimitCounters()).isEmpty();
    }

    private static Target target(String path) {
        return new Target(null, path, "mock-1", null, List.of(), Map.of(), null, null, null, 1.0);
    }
}
