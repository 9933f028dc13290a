package io.turnpike.launcher;

/**
 * One provider type behind the gateway as the end-to-end tests see it: a fake upstream (none for the mock), how to
 * register it through the admin API, the model id it needs, and what it answers. A new provider type is one small
 * class implementing this plus a constant in {@link Backend}.
 */
interface ProviderBackend extends AutoCloseable {
    /** The provider's {@code type}, as {@code provider_type} shows it in {@code /v1/logs}. */
    String type();

    /** The {@code POST /v1/admin/providers} body that registers this backend's upstream as {@code providerId}. */
    String providerRegistration(String providerId);

    /** The provider-specific id for a client-facing model name, or null when the provider takes the same name. */
    String upstreamModel(String clientModel);

    /** What the fake always answers, or null when the reply depends on the prompt (the mock). */
    FixedReplies fixedReplies();

    /**
     * What a fake upstream answers regardless of the prompt, so tests can assert exact tokens and cost.
     *
     * @param text        the assistant text of a plain (non-tool) reply, streamed or not
     * @param message     usage of a non-streaming text reply
     * @param stream      usage of a streamed reply, as {@code message_start} overwritten by {@code message_delta}
     * @param toolUse     usage of a reply to a request that forces a tool, streamed or not
     * @param toolArgument the value the fake puts into every required property of the forced tool's input
     * @param countTokens what {@code count_tokens} answers
     */
    record FixedReplies(String text, Usage message, Usage stream, Usage toolUse, String toolArgument,
                        long countTokens) {
    }

    @Override
    void close();
}
