package io.turnpike.aggregates.rules;

/**
 * What an aggregate may ask about others before deciding: whether a provider, config or guardrail exists. Injected into command
 * handlers as an Axon resource; the read model ({@code readmodel.Directory}) answers in production, a fake in fixture tests.
 */
public interface References {
    boolean providerExists(String providerId);

    boolean configExists(String configId);

    /** Defined and not retired. */
    boolean guardrailExists(String guardrailId);
}
