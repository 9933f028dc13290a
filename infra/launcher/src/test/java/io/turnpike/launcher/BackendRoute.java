package io.turnpike.launcher;

/**
 * A backend registered with the gateway: its provider, a config routing to it and a Turnpike key bound to that
 * config with {@code tenant=acme}, {@code team=}{@link Backend#team()}, {@code env=prod}.
 */
record BackendRoute(Backend backend, ProviderBackend provider, String key) {
    static final String TENANT = "acme";
    static final String ENV = "prod";

    String team() {
        return backend.team();
    }

    /** The fake's fixed answers, or null for the mock. */
    ProviderBackend.FixedReplies fixedReplies() {
        return provider.fixedReplies();
    }
}
