package io.turnpike.events.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node of a routing config: either a provider target (a leaf with {@code providerId}) or a group (with a
 * {@code strategy} over {@code children}). The inheritable settings hold their <em>effective</em> values: what the
 * target sets itself, else what the nearest ancestor (or the top level) sets.
 *
 * @param name             the target's {@code name}; null when unnamed (and for the root)
 * @param path             where it sits, in the form of the {@code x-turnpike-last-used-option-index} header:
 *                         {@code config} for the root, {@code config.targets[1].targets[0]} below
 * @param providerId       the provider id without its {@code @}; null for a group
 * @param strategy         the group's strategy; {@link Strategy#SINGLE} for a provider target
 * @param children         the group's targets in document order; empty for a provider target
 * @param overrideParams   effective {@code override_params}, merged key by key down the tree (child wins); the
 *                         values are shared JSON nodes: copy before changing (see {@link #overrideParamsNode()})
 * @param retry            effective retry policy; {@link RetryPolicy#NONE} when nobody sets one
 * @param cache            effective cache policy; null when caching is off
 * @param requestTimeoutMs effective {@code request_timeout} in milliseconds; null when unset
 * @param weight           load-balancing weight (default 1; used only by a {@code loadbalance} parent)
 * @param inputGuardrails  effective {@code input_guardrails}: the ancestors' (top level first), then the target's
 *                         own; they accumulate rather than replace, and an id appears once. Empty when none
 * @param outputGuardrails effective {@code output_guardrails}, accumulated the same way
 */
public record Target(String name, String path, String providerId, Strategy strategy, List<Target> children,
                     Map<String, JsonNode> overrideParams, RetryPolicy retry, CachePolicy cache,
                     Long requestTimeoutMs, double weight, List<GuardrailRef> inputGuardrails,
                     List<GuardrailRef> outputGuardrails) {
    public Target {
        children = List.copyOf(children);
        overrideParams = Collections.unmodifiableMap(new LinkedHashMap<>(overrideParams));
        inputGuardrails = inputGuardrails == null ? List.of() : List.copyOf(inputGuardrails);
        outputGuardrails = outputGuardrails == null ? List.of() : List.copyOf(outputGuardrails);
    }

    /** A target without guardrails (the shape before guardrails could be attached). */
    public Target(String name, String path, String providerId, Strategy strategy, List<Target> children,
                  Map<String, JsonNode> overrideParams, RetryPolicy retry, CachePolicy cache, Long requestTimeoutMs,
                  double weight) {
        this(name, path, providerId, strategy, children, overrideParams, retry, cache, requestTimeoutMs, weight,
                List.of(), List.of());
    }

    public boolean isProvider() {
        return providerId != null;
    }

    /** The child called {@code childName}, as a condition's {@code then} or {@code default} names it. */
    public Optional<Target> child(String childName) {
        return children.stream().filter(c -> childName.equals(c.name())).findFirst();
    }

    /** A fresh, mutable copy of {@link #overrideParams()} as a JSON object. */
    public ObjectNode overrideParamsNode() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        overrideParams.forEach((key, value) -> node.set(key, value.deepCopy()));
        return node;
    }

    /** Every provider target at or below this one, depth first in document order. */
    public List<Target> providerTargets() {
        List<Target> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(Target target, List<Target> out) {
        if (target.isProvider()) {
            out.add(target);
        }
        target.children().forEach(child -> collect(child, out));
    }
}
