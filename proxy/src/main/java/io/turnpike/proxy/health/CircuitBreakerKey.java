package io.turnpike.proxy.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.turnpike.events.config.Target;

import java.util.Map;
import java.util.Objects;

/**
 * Which circuit breaker an attempt belongs to: the provider account plus the model the target forces, if any.
 *
 * <p>Why this key: health is a property of the upstream, not of the config that happens to send to it. An account
 * that answers 529 for one team answers 529 for every team, so all configs that send to the same provider (and the
 * same forced model) share one breaker and learn of an outage from each other's traffic. The model is part of the
 * key because providers fail per model (an overloaded Opus says nothing about Haiku on the same account). Only the
 * model a config forces counts, never the client's: configs are written by admins, so the number of breakers stays
 * bounded by what configs name, whatever model strings clients send. A target without a model override shares the
 * breaker of its whole provider account.
 *
 * @param providerId the provider id, without its {@code @}
 * @param model      the {@code override_params.model} of the target; null when the target forces none
 */
public record CircuitBreakerKey(String providerId, String model) {

    public CircuitBreakerKey {
        Objects.requireNonNull(providerId, "providerId");
        if (model != null && model.isBlank()) {
            model = null;
        }
    }

    /** The key of a provider target of a parsed config. */
    public static CircuitBreakerKey of(Target target) {
        if (!target.isProvider()) {
            throw new IllegalArgumentException(target.path() + " is a group, not a provider target");
        }
        return new CircuitBreakerKey(target.providerId(), forcedModel(target.overrideParams()));
    }

    /** The key of a provider account and the override params a route applies to the body. */
    static CircuitBreakerKey of(String providerId, JsonNode overrideParams) {
        JsonNode model = overrideParams == null ? null : overrideParams.get("model");
        return new CircuitBreakerKey(providerId, model != null && model.isTextual() ? model.asText() : null);
    }

    private static String forcedModel(Map<String, JsonNode> overrideParams) {
        JsonNode model = overrideParams.get("model");
        return model != null && model.isTextual() ? model.asText() : null;
    }

    /** {@code provider} or {@code provider/model}: the Kafka key and {@code target_key} of its health events. */
    String value() {
        return model == null ? providerId : providerId + "/" + model;
    }

    @Override
    public String toString() {
        return value();
    }
}
