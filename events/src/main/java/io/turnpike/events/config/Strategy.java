package io.turnpike.events.config;

import java.util.List;

/**
 * A group's strategy.
 *
 * @param onStatusCodes  statuses that move a fallback to its next target; empty means any non-2xx
 * @param conditions     conditional rules in order (empty unless {@link StrategyMode#CONDITIONAL})
 * @param defaultTarget  name of the child used when no condition matches; null when there is none (the request
 *                       then fails) or the mode is not conditional
 */
public record Strategy(StrategyMode mode, List<Integer> onStatusCodes, List<Condition> conditions,
                       String defaultTarget) {
    /** What a target without a {@code strategy} gets. */
    public static final Strategy SINGLE = new Strategy(StrategyMode.SINGLE, List.of(), List.of(), null);

    public Strategy {
        onStatusCodes = List.copyOf(onStatusCodes);
        conditions = List.copyOf(conditions);
    }
}
