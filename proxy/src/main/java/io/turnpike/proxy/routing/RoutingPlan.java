package io.turnpike.proxy.routing;

import io.turnpike.events.config.Target;
import io.turnpike.proxy.GatewayDirectory;
import io.turnpike.proxy.ProviderAccount;
import io.turnpike.proxy.providers.AttemptOutcome;
import io.turnpike.proxy.providers.Provider;
import io.turnpike.proxy.providers.Providers;
import io.turnpike.proxy.retry.AttemptPolicy;
import io.turnpike.proxy.wire.ProxyError;

/**
 * The targets one request may try, in the order its config's strategies give them ({@link TargetSelector}): the
 * first is known when the request is routed, each further one only after the previous target's attempts ended
 * without an answer to commit. Each comes as a {@link Route} with its provider account looked up then, so a
 * fallback can cross providers. Confined to the call's IO thread.
 */
public final class RoutingPlan {
    private final RoutingConfigs.Loaded config;
    private final TargetSelector selector;
    private final GatewayDirectory directory;
    private final Providers providers;
    private final Route first;

    /**
     * @throws ProxyError 400 {@code invalid_request_error} when a conditional strategy matches no route; 500
     *                    {@code api_error} when the first target's provider is no longer registered
     */
    RoutingPlan(RoutingConfigs.Loaded config, TargetSelector selector, GatewayDirectory directory,
                Providers providers) {
        this.config = config;
        this.selector = selector;
        this.directory = directory;
        this.providers = providers;
        Target target;
        try {
            target = selector.first();
        } catch (TargetSelector.NoRouteMatched noRoute) {
            throw ProxyError.invalidRequest(noRoute.getMessage());
        }
        this.first = route(target);
    }

    public Route first() {
        return first;
    }

    /**
     * The next target after the current one's last attempt ended in {@code outcome} (its retries spent): null when
     * the strategies say {@code outcome} stands.
     *
     * @throws ProxyError 500 when the next target's provider is no longer registered
     */
    public Route next(AttemptOutcome outcome) {
        Target target = selector.next(outcome);
        return target == null ? null : route(target);
    }

    /**
     * Whether the current target was chosen although its circuit is open, because every alternative's is open too:
     * it is to be sent to anyway, not skipped (see {@link TargetSelector#chosenDespiteHealth()}).
     */
    public boolean chosenDespiteHealth() {
        return selector.chosenDespiteHealth();
    }

    /** The implementation that talks to {@code route}'s provider type. */
    public Provider provider(Route route) {
        return providers.forAccount(route.provider());
    }

    private Route route(Target target) {
        ProviderAccount account = directory.provider(target.providerId()).orElseThrow(() ->
                RoutingConfigs.misconfigured(config.configId(), target.path() + ": provider \""
                        + target.providerId() + "\" is not registered"));
        return new Route(config.configId(), config.version(), target, account,
                target.overrideParams().isEmpty() ? null : target.overrideParamsNode(), AttemptPolicy.of(target));
    }
}
