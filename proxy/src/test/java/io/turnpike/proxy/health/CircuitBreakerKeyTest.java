package io.turnpike.proxy.health;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.events.config.ParsedConfig;
import io.turnpike.events.config.RoutingConfigDocument;
import io.turnpike.events.config.Target;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CircuitBreakerKeyTest {

    @Test
    void isTheProviderAndTheForcedModelSharedAcrossTargetsThatSendTheSame() {
        ParsedConfig config = RoutingConfigDocument.parse("""
                {"strategy": {"mode": "fallback"},
                 "targets": [
                   {"provider": "@anthropic-main", "override_params": {"model": "claude-sonnet-4-5", "max_tokens": 9}},
                   {"provider": "@anthropic-main"},
                   {"strategy": {"mode": "single"}, "override_params": {"model": "claude-sonnet-4-5"},
                    "targets": [{"provider": "@anthropic-main"}]}]}""", id -> true);
        List<Target> targets = config.root().providerTargets();

        assertThat(targets).extracting(target -> CircuitBreakerKey.of(target).value())
                .containsExactly("anthropic-main/claude-sonnet-4-5", "anthropic-main",
                        "anthropic-main/claude-sonnet-4-5");
        assertThat(CircuitBreakerKey.of(targets.get(0))).isEqualTo(CircuitBreakerKey.of(targets.get(2)));
    }

    @Test
    void readsTheModelFromARoutesOverrideParams() {
        ObjectNode params = JsonNodeFactory.instance.objectNode().put("model", "claude-haiku-4-5");

        assertThat(CircuitBreakerKey.of("bedrock-eu", params))
                .isEqualTo(new CircuitBreakerKey("bedrock-eu", "claude-haiku-4-5"));
        assertThat(CircuitBreakerKey.of("bedrock-eu", null).value()).isEqualTo("bedrock-eu");
        assertThat(new CircuitBreakerKey("bedrock-eu", " ").model()).isNull();
    }

    @Test
    void aGroupHasNoKey() {
        ParsedConfig config = RoutingConfigDocument.parse("""
                {"targets": [{"provider": "@a"}]}""", id -> true);

        assertThatThrownBy(() -> CircuitBreakerKey.of(config.root())).isInstanceOf(IllegalArgumentException.class);
    }
}
