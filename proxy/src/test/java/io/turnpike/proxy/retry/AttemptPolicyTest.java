package io.turnpike.proxy.retry;

import io.turnpike.events.config.RoutingConfigDocument;
import io.turnpike.events.config.Target;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AttemptPolicyTest {

    @Test
    void withoutRetryOrTimeoutNothingIsRetriedAndNothingTimesOut() {
        AttemptPolicy policy = AttemptPolicy.of(firstProvider("{\"targets\":[{\"provider\":\"@a\"}]}"));

        assertThat(policy).isEqualTo(AttemptPolicy.NONE);
        assertThat(policy.retryOnStatus()).containsExactlyInAnyOrder(429, 500, 502, 503, 504);
        assertThat(policy.requestTimeout()).isNull();
    }

    @Test
    void takesTheTargetsEffectiveRetryAndTimeoutFromTheParsedConfig() {
        Target target = firstProvider("{\"retry\":{\"attempts\":2,\"use_retry_after_header\":true},"
                + "\"request_timeout\":9000,\"targets\":[{\"retry\":{\"attempts\":4,\"on_status_codes\":[429,529]},"
                + "\"targets\":[{\"provider\":\"@a\",\"request_timeout\":1500}]}]}");

        AttemptPolicy policy = AttemptPolicy.of(target);

        assertThat(policy.retries()).isEqualTo(4);
        assertThat(policy.retryOnStatus()).isEqualTo(Set.of(429, 529));
        assertThat(policy.useRetryAfterHeader()).as("the nearer retry block replaces the root's whole").isFalse();
        assertThat(policy.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void aRetryableStatusIsNeverASuccess() {
        AttemptPolicy odd = new AttemptPolicy(1, Set.of(200, 503), false, null);

        assertThat(odd.retriesOn(503)).isTrue();
        assertThat(odd.retriesOn(200)).isFalse();
    }

    private static Target firstProvider(String document) {
        return RoutingConfigDocument.parse(document, id -> true).root().providerTargets().get(0);
    }
}
