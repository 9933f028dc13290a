package io.turnpike.proxy.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.turnpike.events.config.RequestFacts;
import io.turnpike.proxy.wire.ClientBodyJson;

import java.io.IOException;
import java.util.Map;

/**
 * What conditional routing may read of one request, built on demand: the body is parsed into {@code params} only
 * when a condition reads {@code params.*} (most route on metadata, and the body can be megabytes), and at most once.
 */
final class RoutingFacts {
    private final Map<String, String> metadata;
    private final byte[] body;
    private final String urlPath;
    private RequestFacts withoutParams;
    private RequestFacts withParams;

    RoutingFacts(Map<String, String> metadata, byte[] body, String urlPath) {
        this.metadata = metadata;
        this.body = body;
        this.urlPath = urlPath;
    }

    RequestFacts facts(boolean needsParams) {
        if (needsParams) {
            if (withParams == null) {
                withParams = new RequestFacts(metadata, parse(body), urlPath);
            }
            return withParams;
        }
        if (withoutParams == null) {
            withoutParams = new RequestFacts(metadata, null, urlPath);
        }
        return withoutParams;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return ClientBodyJson.MAPPER.readTree(body);
        } catch (IOException e) {
            // Cannot happen for a body MessagesRequest accepted; then no params condition matches.
            return MissingNode.getInstance();
        }
    }
}
