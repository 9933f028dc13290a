package io.turnpike.launcher;

import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.RateLimitView;
import io.turnpike.proxy.RateLimitPolicyView;
import io.turnpike.proxy.RateLimitScope;

import java.util.List;

/**
 * The proxy asks for the rate-limit policies on every request; the read model hands out the same list instance
 * until a policy changes, so the translation is done once per change, not per request.
 */
final class RateLimitPolicySource {
    private final Governance governance;
    private volatile Translated last = new Translated(List.of(), List.of());

    RateLimitPolicySource(Governance governance) {
        this.governance = governance;
    }

    List<RateLimitPolicyView> policies() {
        List<RateLimitView> current = governance.rateLimits();
        Translated seen = last;
        if (seen.source() != current) {
            seen = new Translated(current, current.stream().map(RateLimitPolicySource::toProxy).toList());
            last = seen;
        }
        return seen.policies();
    }

    private static RateLimitPolicyView toProxy(RateLimitView view) {
        return new RateLimitPolicyView(view.id(), RateLimitScope.parse(view.scope()), view.match(),
                view.requestsPerMinute(), view.requestsPerHour(), view.requestsPerDay(), view.tokensPerMinute());
    }

    private record Translated(List<RateLimitView> source, List<RateLimitPolicyView> policies) {
    }
}
