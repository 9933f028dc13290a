/**
 * The routing-config language: the Portkey config shape (strategies, nested targets, inheritable
 * {@code override_params}/{@code retry}/{@code cache}/{@code request_timeout}, conditional queries) plus Turnpike's
 * {@code allowed_models}. Config documents travel inside config events, so their schema lives here with them.
 * <p>
 * Entry point: {@link io.turnpike.events.config.RoutingConfigDocument#parse(String, java.util.function.Predicate)}
 * → {@link io.turnpike.events.config.ParsedConfig}, an immutable tree of
 * {@link io.turnpike.events.config.Target}s with effective (inherited) settings, or a
 * {@link io.turnpike.events.config.ConfigValidationException} naming the JSON path of the first problem.
 * Conditions evaluate with {@link io.turnpike.events.config.ConditionQuery#matches(RequestFacts)}. The reference
 * for users is {@code docs/configuration.md#routing-configs}.
 */
package io.turnpike.events.config;
