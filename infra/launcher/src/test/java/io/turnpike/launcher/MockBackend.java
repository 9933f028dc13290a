package io.turnpike.launcher;

/**
 * Provider type {@code mock}: the proxy answers by itself, echoing the prompt, so nothing is fixed; a forced
 * tool's input has each required property filled with a placeholder of its type.
 */
final class MockBackend implements ProviderBackend {
    /** What the mock puts into a forced tool's required {@code string} properties. */
    static final String TOOL_STRING_ARGUMENT = "mock";

    @Override
    public String type() {
        return "mock";
    }

    @Override
    public String providerRegistration(String providerId) {
        return "{\"id\":\"" + providerId + "\",\"type\":\"mock\"}";
    }

    @Override
    public String upstreamModel(String clientModel) {
        return null;
    }

    @Override
    public FixedReplies fixedReplies() {
        return null;
    }

    @Override
    public void close() {
    }
}
