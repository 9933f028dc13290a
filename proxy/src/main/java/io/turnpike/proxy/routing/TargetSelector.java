package io.turnpike.proxy.routing;

import io.turnpike.events.config.Condition;
import io.turnpike.events.config.Strategy;
import io.turnpike.events.config.Target;
import io.turnpike.proxy.health.CircuitBreakerKey;
import io.turnpike.proxy.health.TargetHealth;
import io.turnpike.proxy.providers.AttemptOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Walks a config's strategies from a group down to provider targets, for one request. {@link #first()} is the
 * first provider target to try; after that target's attempts end (its own retries spent) without success,
 * {@link #next} names the next one, or null when the outcome stands. Choices are made when a group is first
 * reached, not up front, so a fallback's later groups only draw their random pick or read the request when needed.
 * <ul>
 *   <li>{@code single}: the first target.</li>
 *   <li>{@code fallback}: the targets in order; the next one when the outcome is a no-answer (connection failure,
 *   timeout) or a status in the group's {@code on_status_codes} (any non-2xx when unset). A nested group that gives
 *   up hands its outcome to its parent, which applies its own rule (Portkey's recursive semantics).</li>
 *   <li>{@code loadbalance}: one child, drawn with probability weight / sum of weights; weight 0 is never drawn. The
 *   chosen child is the group's answer: a load balancer does not move on to another child.</li>
 *   <li>{@code conditional}: the child named by the first matching condition, else {@code default}; neither is
 *   {@link NoRouteMatched}.</li>
 * </ul>
 * Health ({@link TargetHealth}): fallback and loadbalance skip a child none of whose provider targets is allowed —
 * unless no child of the group is allowed, when they use all of them as if every breaker were closed. A breaker
 * steers traffic between alternatives; it never turns a request that might succeed into a certain failure.
 * Not thread-safe: one selector per request, on its IO thread.
 */
abstract class TargetSelector {

    /** What selection needs from outside: the random draw, the request's facts, and target health. */
    record Context(RandomGenerator random, RoutingFacts facts, TargetHealth health) {

        /** Whether any provider target at or below {@code node} is available (its breaker not open). */
        boolean healthy(Target node) {
            for (Target leaf : node.providerTargets()) {
                if (health.isAvailable(CircuitBreakerKey.of(leaf))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A conditional group matched no condition and has no default. */
    static final class NoRouteMatched extends RuntimeException {
        NoRouteMatched(String groupPath) {
            super("no routing condition matched this request and the conditional strategy at " + groupPath
                    + " has no default target", null, false, false);
        }
    }

    /** @throws NoRouteMatched when a conditional group on the way matches nothing */
    abstract Target first();

    /** The next provider target after the current one ended with {@code outcome}; null when it stands. */
    abstract Target next(AttemptOutcome outcome);

    /**
     * Whether the current target was reached through a fallback or loadbalance group none of whose children was
     * available, i.e. chosen in spite of its open circuit. The attempt loop must then send to it rather than skip
     * it for its breaker: with every alternative open, each is tried in its usual order.
     */
    abstract boolean chosenDespiteHealth();

    static TargetSelector of(Target node, Context context) {
        if (node.isProvider()) {
            return new Leaf(node);
        }
        return switch (node.strategy().mode()) {
            case SINGLE -> new OneChild(() -> node.children().get(0), false, context);
            case CONDITIONAL -> new OneChild(() -> conditional(node, context), false, context);
            case LOADBALANCE -> new OneChild(() -> weighted(node.children(), context), true, context);
            case FALLBACK -> new Fallback(node, context);
        };
    }

    /** Whether a fallback moves past an outcome: no answer at all, or a listed (default: any non-2xx) status. */
    static boolean fallsBackOn(Strategy strategy, AttemptOutcome outcome) {
        if (outcome.status() / 100 == 2) {
            return false;
        }
        if (outcome.retryability() == AttemptOutcome.Retryability.ALWAYS) {
            return true;
        }
        return strategy.onStatusCodes().isEmpty() || strategy.onStatusCodes().contains(outcome.status());
    }

    /** A weighted draw among the positive-weight (and, when any is, healthy) children. */
    static Target weighted(List<Target> children, Context context) {
        List<Target> candidates = new ArrayList<>();
        for (Target child : children) {
            if (child.weight() > 0 && context.healthy(child)) {
                candidates.add(child);
            }
        }
        if (candidates.isEmpty()) {
            children.stream().filter(child -> child.weight() > 0).forEach(candidates::add);
        }
        double total = 0;
        for (Target candidate : candidates) {
            total += candidate.weight();
        }
        double draw = context.random().nextDouble() * total;
        for (Target candidate : candidates) {
            draw -= candidate.weight();
            if (draw < 0) {
                return candidate;
            }
        }
        // Rounding can leave a sliver at the top end: it belongs to the last candidate.
        return candidates.get(candidates.size() - 1);
    }

    private static Target conditional(Target group, Context context) {
        Strategy strategy = group.strategy();
        boolean needsParams = strategy.conditions().stream().anyMatch(c -> c.query().readsParams());
        for (Condition condition : strategy.conditions()) {
            if (condition.query().matches(context.facts().facts(needsParams))) {
                return group.child(condition.then()).orElseThrow();
            }
        }
        if (strategy.defaultTarget() != null) {
            return group.child(strategy.defaultTarget()).orElseThrow();
        }
        throw new NoRouteMatched(group.path());
    }

    private static final class Leaf extends TargetSelector {
        private final Target target;

        Leaf(Target target) {
            this.target = target;
        }

        @Override
        Target first() {
            return target;
        }

        @Override
        Target next(AttemptOutcome outcome) {
            return null;
        }

        @Override
        boolean chosenDespiteHealth() {
            return false;
        }
    }

    /** single, conditional and loadbalance: the child chosen on arrival is the group's whole answer. */
    private static final class OneChild extends TargetSelector {
        private final Supplier<Target> choice;
        /** Whether the choice avoids unhealthy children (loadbalance); single and conditional ignore health. */
        private final boolean steersByHealth;
        private final Context context;
        private TargetSelector chosen;
        private boolean drawnDespiteHealth;

        OneChild(Supplier<Target> choice, boolean steersByHealth, Context context) {
            this.choice = choice;
            this.steersByHealth = steersByHealth;
            this.context = context;
        }

        @Override
        Target first() {
            Target child = choice.get();
            // A health-steered draw lands on an unavailable child only when every candidate was unavailable.
            drawnDespiteHealth = steersByHealth && !context.healthy(child);
            chosen = of(child, context);
            return chosen.first();
        }

        @Override
        Target next(AttemptOutcome outcome) {
            return chosen.next(outcome);
        }

        @Override
        boolean chosenDespiteHealth() {
            return drawnDespiteHealth || chosen.chosenDespiteHealth();
        }
    }

    private static final class Fallback extends TargetSelector {
        private final Target group;
        private final Context context;
        private boolean skipUnhealthy;
        private int index = -1;
        private TargetSelector current;
        private NoRouteMatched unmatched;

        Fallback(Target group, Context context) {
            this.group = group;
            this.context = context;
        }

        @Override
        Target first() {
            skipUnhealthy = group.children().stream().anyMatch(context::healthy);
            Target first = advance();
            if (first == null && skipUnhealthy && unmatched == null) {
                // The healthy children went down meanwhile: try them all after all.
                skipUnhealthy = false;
                index = -1;
                first = advance();
            }
            if (first == null) {
                throw unmatched != null ? unmatched : new IllegalStateException("a fallback without targets");
            }
            return first;
        }

        @Override
        Target next(AttemptOutcome outcome) {
            Target inner = current.next(outcome);
            if (inner != null || !fallsBackOn(group.strategy(), outcome)) {
                return inner;
            }
            return advance();
        }

        @Override
        boolean chosenDespiteHealth() {
            return !skipUnhealthy || current.chosenDespiteHealth();
        }

        /** The first target of the next usable child; a child whose conditions match nothing is passed over. */
        private Target advance() {
            while (++index < group.children().size()) {
                Target child = group.children().get(index);
                if (skipUnhealthy && !context.healthy(child)) {
                    continue;
                }
                try {
                    current = of(child, context);
                    return current.first();
                } catch (NoRouteMatched noRoute) {
                    unmatched = noRoute;
                }
            }
            return null;
        }
    }
}
