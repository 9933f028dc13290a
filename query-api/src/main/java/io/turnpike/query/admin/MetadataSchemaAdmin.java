package io.turnpike.query.admin;

import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.NotFoundException;
import io.turnpike.query.http.JsonExchange;
import io.undertow.server.HttpServerExchange;

import java.nio.charset.StandardCharsets;

/**
 * {@code /v1/admin/metadata-schemas/{tenant}}: {@code PUT} sets or replaces the tenant's metadata standard (the
 * body is the schema document) → 200 with the normalised schema and its version; {@code GET} reads it back.
 */
public final class MetadataSchemaAdmin {
    private final Governance governance;

    public MetadataSchemaAdmin(Governance governance) {
        this.governance = governance;
    }

    public void put(HttpServerExchange exchange, byte[] body) {
        String tenant = JsonExchange.pathParam(exchange, "tenant");
        JsonExchange.parseObject(body); // a clear 400 for a body that is not a JSON object at all
        JsonExchange.send(exchange, 200, AdminJson.metadataSchema(governance.defineMetadataSchema(tenant,
                new String(body, StandardCharsets.UTF_8), Actors.of(exchange))));
    }

    public void get(HttpServerExchange exchange, byte[] body) {
        String tenant = JsonExchange.pathParam(exchange, "tenant");
        JsonExchange.send(exchange, 200, AdminJson.metadataSchema(governance.metadataSchema(tenant)
                .orElseThrow(() -> new NotFoundException("tenant '" + tenant + "' has no metadata schema"))));
    }
}
