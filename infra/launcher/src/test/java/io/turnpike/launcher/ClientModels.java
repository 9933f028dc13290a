package io.turnpike.launcher;

/** The client-facing model the client ITs ask for; configs map it to each provider's own id. */
final class ClientModels {
    static final String SONNET = "claude-sonnet-4-5";

    private ClientModels() {
    }
}
