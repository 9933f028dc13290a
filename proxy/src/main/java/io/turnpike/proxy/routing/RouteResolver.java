package io.turnpike.proxy.routing;

import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.health.TargetHealth;
import io.turnpike.proxy.providers.Providers;
import io.turnpike.proxy.wire.MessagesRequest;
import io.turnpike.proxy.wire.ProxyError;

import java.util.random.RandomGenerator;

/**
 * Turns a request into its {@link RoutingPlan}: the key's routing config (parsed once per version by
 * {@link RoutingConfigs}), its strategies evaluated against the request ({@link TargetSelector}). Load balancing
 * draws from {@code random}, so a seeded generator makes the choices reproducible.
 */
public final class RouteResolver {
    private final RoutingConfigs configs;
    private final RandomGenerator random;
    private final TargetHealth health;

    public RouteResolver(RoutingConfigs configs, RandomGenerator random, TargetHealth health) {
        this.configs = configs;
        this.random = random;
        this.health = health;
    }

    /**
     * @throws ProxyError 500 {@code api_error} naming the config when it is missing or misconfigured; 400
     *                    {@code invalid_request_error} when a conditional strategy matches no route
     */
    public RoutingPlan plan(ProxyCall call, MessagesRequest request, Providers providers) {
        RoutingConfigs.Loaded config = ConfigOverride.resolve(call, configs)
                .orElseGet(() -> configs.load(call.configId()));
        call.routedBy(config.configId());
        RoutingFacts facts = new RoutingFacts(call.metadata(), request.body(), call.exchange().getRequestPath());
        TargetSelector selector = TargetSelector.of(config.parsed().root(),
                new TargetSelector.Context(random, facts, health));
        return new RoutingPlan(config, selector, configs.directory(), providers);
    }
}
