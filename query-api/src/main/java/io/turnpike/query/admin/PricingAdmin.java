package io.turnpike.query.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.PriceTableView;
import io.turnpike.query.http.JsonExchange;
import io.undertow.server.HttpServerExchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code /v1/admin/pricing}: {@code PUT} publishes a price table (the pricing file's JSON shape, with a new
 * {@code version}) that overrides the shipped file from the next request on; {@code GET} shows the one in force
 * and the published history.
 */
public final class PricingAdmin {
    private final Governance governance;

    public PricingAdmin(Governance governance) {
        this.governance = governance;
    }

    public void publish(HttpServerExchange exchange, byte[] body) {
        JsonExchange.parseObject(body); // a clear 400 for non-JSON before the domain validation
        PriceTableView view = governance.publishPriceTable(new String(body, StandardCharsets.UTF_8), Actors.of(exchange));
        JsonExchange.send(exchange, 201, summary(view));
    }

    public void get(HttpServerExchange exchange, byte[] body) {
        ObjectNode response = JsonExchange.JSON.createObjectNode();
        governance.currentPriceTable().ifPresentOrElse(current -> {
            ObjectNode node = summary(current);
            node.set("table", parse(current.document()));
            response.set("current", node);
            response.put("source", "published");
        }, () -> {
            response.putNull("current");
            response.put("source", "shipped pricing file");
        });
        ArrayNode history = response.putArray("history");
        governance.priceTables().forEach(t -> history.add(summary(t)));
        JsonExchange.send(exchange, 200, response);
    }

    private static ObjectNode summary(PriceTableView view) {
        ObjectNode node = JsonExchange.JSON.createObjectNode();
        node.put("version", view.version());
        node.put("published_by", view.actor());
        node.put("published_at", view.publishedAt().toString());
        return node;
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String document) {
        try {
            return JsonExchange.JSON.readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException("stored price table is not JSON", e);
        }
    }
}
