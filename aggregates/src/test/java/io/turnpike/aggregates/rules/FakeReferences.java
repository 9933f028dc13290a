package io.turnpike.aggregates.rules;

import java.util.HashSet;
import java.util.Set;

/** Hand-written stand-in for the directory: knows exactly the ids a test declares. */
public final class FakeReferences implements References {
    private final Set<String> providers = new HashSet<>();
    private final Set<String> configs = new HashSet<>();
    private final Set<String> guardrails = new HashSet<>();

    public FakeReferences withProvider(String providerId) {
        providers.add(providerId);
        return this;
    }

    public FakeReferences withConfig(String configId) {
        configs.add(configId);
        return this;
    }

    public FakeReferences withGuardrail(String guardrailId) {
        guardrails.add(guardrailId);
        return this;
    }

    @Override
    public boolean guardrailExists(String guardrailId) {
        return guardrails.contains(guardrailId);
    }

    @Override
    public boolean providerExists(String providerId) {
        return providers.contains(providerId);
    }

    @Override
    public boolean configExists(String configId) {
        return configs.contains(configId);
    }
}
