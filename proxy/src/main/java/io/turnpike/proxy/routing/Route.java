package io.turnpike.proxy.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.events.config.Target;
import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.health.CircuitBreakerKey;
import io.turnpike.proxy.retry.AttemptPolicy;

/**
 * One provider target of a request's {@link RoutingPlan}: the config's leaf ({@code target}), its provider account,
 * the parameters the config forces on the body (effective {@code override_params}; null when none), and how hard to
 * try it ({@link AttemptPolicy}). {@code configVersion} is the version of the config that chose it.
 */
public record Route(String configId, int configVersion, Target target, ProviderAccount provider,
             ObjectNode overrideParams, AttemptPolicy policy) {

    /** Portkey's option index: the JSON path of the target, e.g. {@code config.targets[1].targets[0]}. */
    public String targetPath() {
        return target.path();
    }

    /** The circuit breaker this target's attempts count towards. */
    public CircuitBreakerKey breaker() {
        return CircuitBreakerKey.of(target);
    }
}
