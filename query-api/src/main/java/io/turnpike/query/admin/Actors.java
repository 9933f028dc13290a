package io.turnpike.query.admin;

import io.undertow.server.HttpServerExchange;

/**
 * Who performed an admin command, for the audit trail. There is one admin token for now; role-based identities
 * arrive with the governance issue and will be resolved here.
 */
final class Actors {
    static final String ADMIN = "admin";

    private Actors() {
    }

    static String of(HttpServerExchange exchange) {
        return ADMIN;
    }
}
