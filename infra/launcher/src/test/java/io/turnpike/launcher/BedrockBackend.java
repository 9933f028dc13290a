package io.turnpike.launcher;

import io.turnpike.proxy.fakes.FakeBedrock;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Provider type {@code bedrock} against the proxy's {@link FakeBedrock}, which verifies every SigV4 signature
 * (here with temporary credentials) and streams real event-stream frames. Bedrock names the model by an
 * inference-profile id, so the config maps the client-facing name to one.
 */
final class BedrockBackend implements ProviderBackend {
    private static final String REGION = "us-east-1";
    private static final String ACCESS_KEY_ID = "AKIATURNPIKETEST0001";
    private static final String SECRET_ACCESS_KEY = "turnpike-test-secret-access-key";
    private static final String SESSION_TOKEN = "turnpike-test-session-token";
    private static final Usage USAGE = new Usage(40, 16, 8, 0);
    private static final Usage TOOL_USAGE = new Usage(62, 27, 8, 0);
    private static final FixedReplies REPLIES = new FixedReplies("Hello from the fake Bedrock.", USAGE, USAGE,
            TOOL_USAGE, "Lisbon", 23);

    private final FakeBedrock upstream;

    BedrockBackend() {
        try {
            upstream = FakeBedrock.sigV4(REGION, ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        upstream.respondWith(FakeBedrock.Script.message(FakeBedrock.DEFAULT_MODEL, REPLIES.text(), fakeUsage(USAGE)));
        upstream.answerForcedToolsWith(REPLIES.toolArgument(), fakeUsage(TOOL_USAGE));
        upstream.countTokensAnswer(REPLIES.countTokens());
    }

    private static FakeBedrock.Usage fakeUsage(Usage usage) {
        return new FakeBedrock.Usage(usage.inputTokens(), usage.outputTokens(), usage.cacheReadInputTokens(),
                usage.cacheCreationInputTokens());
    }

    @Override
    public String type() {
        return "bedrock";
    }

    @Override
    public String providerRegistration(String providerId) {
        return "{\"id\":\"" + providerId + "\",\"type\":\"bedrock\",\"region\":\"" + REGION + "\",\"endpoint_url\":\""
                + upstream.endpointUrl() + "\",\"aws_access_key_id\":\"" + ACCESS_KEY_ID
                + "\",\"aws_secret_access_key\":\"" + SECRET_ACCESS_KEY + "\",\"aws_session_token\":\"" + SESSION_TOKEN
                + "\"}";
    }

    @Override
    public String upstreamModel(String clientModel) {
        return "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
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
