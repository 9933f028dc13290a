package io.turnpike.launcher;

/** Provider type {@code mock}: the proxy answers by itself, echoing the prompt, so nothing is fixed. */
final class MockBackend implements ProviderBackend {
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
