package io.turnpike.proxy;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CircuitBreakerSettingsTest {

    @Test
    void defaultsToFiveFailuresAndThirtySecondsAndIsPartOfTheProxyDefaults() {
        CircuitBreakerSettings defaults = CircuitBreakerSettings.defaults();

        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.failureThreshold()).isEqualTo(5);
        assertThat(defaults.coolDown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ProxySettings.defaults().circuitBreaker()).isEqualTo(defaults);
    }

    @Test
    void survivesTheOtherWithersOfProxySettings() {
        CircuitBreakerSettings custom = new CircuitBreakerSettings(2, Duration.ofSeconds(5));

        ProxySettings settings = ProxySettings.defaults().withCircuitBreaker(custom).withPort(0)
                .withRetryTiming(RetryTiming.defaults()).withUpstreamTimeouts(Duration.ofSeconds(1),
                        Duration.ofSeconds(2));

        assertThat(settings.circuitBreaker()).isEqualTo(custom);
        assertThat(settings.withCircuitBreaker(CircuitBreakerSettings.disabled()).circuitBreaker().enabled())
                .isFalse();
    }

    @Test
    void refusesAThresholdBelowOneAndANonPositiveCoolDown() {
        assertThatThrownBy(() -> new CircuitBreakerSettings(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircuitBreakerSettings(1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
