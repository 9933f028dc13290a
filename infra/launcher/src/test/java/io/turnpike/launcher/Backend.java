package io.turnpike.launcher;

import java.util.function.Supplier;

/**
 * The provider backends the client ITs run through ({@code @EnumSource(Backend.class)}). Each is started once per
 * test JVM, on first use, by {@link SharedStack}.
 */
enum Backend {
    MOCK(MockBackend::new),
    ANTHROPIC(AnthropicBackend::new),
    BEDROCK(BedrockBackend::new),
    VERTEX(VertexBackend::new);

    private final Supplier<ProviderBackend> factory;

    Backend(Supplier<ProviderBackend> factory) {
        this.factory = factory;
    }

    ProviderBackend start() {
        return factory.get();
    }

    /** Ids and metadata derived from the name, so each backend's requests are told apart in {@code /v1/logs}. */
    String providerId() {
        return name().toLowerCase() + "-upstream";
    }

    String configId() {
        return name().toLowerCase() + "-clients";
    }

    String team() {
        return "team-" + name().toLowerCase();
    }
}
