package io.turnpike.events.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.Map;

/**
 * What a routing condition may look at: the request's effective metadata (key metadata merged with the request's),
 * its JSON body ({@code params.*}) and its URL path ({@code url.pathname}).
 *
 * @param metadata effective metadata; never null
 * @param params   the request body as parsed JSON; {@link MissingNode} when there is none
 * @param urlPath  the request's path without query string, e.g. {@code /v1/messages}
 */
public record RequestFacts(Map<String, String> metadata, JsonNode params, String urlPath) {
    public RequestFacts {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        params = params == null ? MissingNode.getInstance() : params;
    }
}
