package io.turnpike.events.config;

/**
 * One rule of a conditional strategy: when {@code query} matches, route to the sibling target named {@code then}.
 *
 * @param path JSON path of the condition, e.g. {@code strategy.conditions[0]} (relative to the document)
 */
public record Condition(ConditionQuery query, String then, String path) {
}
