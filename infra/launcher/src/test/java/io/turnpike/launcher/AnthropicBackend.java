package io.turnpike.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Provider type {@code anthropic} against {@link FakeAnthropicUpstream}; it takes client-facing model names as they are. */
final class AnthropicBackend implements ProviderBackend {
    private static final FixedReplies REPLIES = new FixedReplies(FakeAnthropicUpstream.REPLY, Usage.of(25, 12),
            new Usage(30, 40, 10, 0), Usage.of(50, 20), FakeAnthropicUpstream.TOOL_ARGUMENT,
            FakeAnthropicUpstream.COUNTED_INPUT_TOKENS);

    private final FakeAnthropicUpstream upstream;

    AnthropicBackend() {
        try {
            upstream = new FakeAnthropicUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String type() {
        return "anthropic";
    }

    @Override
    public String providerRegistration(String providerId) {
        return "{\"id\":\"" + providerId + "\",\"type\":\"anthropic\",\"api_key\":\"" + FakeAnthropicUpstream.API_KEY
                + "\",\"base_url\":\"" + upstream.baseUrl() + "\"}";
    }

    @Override
    public String upstreamModel(String clientModel) {
        return null;
    }

    @Override
    public FixedReplies fixedReplies() {
        return REPLIES;
    }

    @Override
    public void close() {
        upstream.close();
    }
}
