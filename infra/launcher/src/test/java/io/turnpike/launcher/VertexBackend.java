package io.turnpike.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.proxy.fakes.FakeVertex;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Provider type {@code vertex} against the proxy's {@link FakeVertex}, which runs its own OAuth token endpoint
 * (the service-account key file points at it) and checks every bearer token. Vertex names the model
 * {@code name@date}, so the config maps the client-facing name to one.
 */
final class VertexBackend implements ProviderBackend {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Usage USAGE = new Usage(28, 14, 0, 6);
    private static final Usage TOOL_USAGE = new Usage(57, 22, 0, 6);
    private static final FixedReplies REPLIES = new FixedReplies("Hello from the fake Vertex.", USAGE, USAGE,
            TOOL_USAGE, "Rome", 31);

    private final FakeVertex upstream;

    VertexBackend() {
        try {
            upstream = FakeVertex.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        upstream.setReplyText(REPLIES.text());
        upstream.setUsage(fakeUsage(USAGE));
        upstream.setForcedToolReply(REPLIES.toolArgument(), fakeUsage(TOOL_USAGE));
        upstream.setCountTokensResult(REPLIES.countTokens());
    }

    private static FakeVertex.Usage fakeUsage(Usage usage) {
        return new FakeVertex.Usage(usage.inputTokens(), usage.outputTokens(), usage.cacheReadInputTokens(),
                usage.cacheCreationInputTokens());
    }

    @Override
    public String type() {
        return "vertex";
    }

    @Override
    public String providerRegistration(String providerId) {
        ObjectNode body = JSON.createObjectNode().put("id", providerId).put("type", "vertex")
                .put("project_id", "turnpike-test").put("region", "us-east5")
                .put("endpoint_url", upstream.endpointUrl())
                .put("service_account_json", upstream.serviceAccountJson());
        return body.toString();
    }

    @Override
    public String upstreamModel(String clientModel) {
        return "claude-sonnet-4-5@20250929";
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
