package io.turnpike.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Portkey-style config ({@code {"strategy":{"mode":"single"},"targets":[{"provider":"@id",
 * "override_params":{...}}]}}) and picks the target. The walking skeleton takes the first leaf target;
 * fallback and load balancing come later. Misconfiguration is a 500 {@code api_error} naming the config, never a
 * crash.
 */
final class RouteResolver {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayDirectory directory;

    RouteResolver(GatewayDirectory directory) {
        this.directory = directory;
    }

    Route resolve(String configId) {
        if (configId == null || configId.isBlank()) {
            throw ProxyError.api("this API key has no routing config bound to it; ask an admin to bind one");
        }
        RoutingConfig config = directory.config(configId).orElseThrow(() ->
                misconfigured(configId, "the config does not exist"));
        JsonNode document;
        try {
            document = JSON.readTree(config.document());
        } catch (JsonProcessingException e) {
            throw misconfigured(configId, "the config document is not valid JSON");
        }
        List<JsonNode> chain = firstLeafChain(document, configId);
        JsonNode target = chain.get(chain.size() - 1);
        JsonNode providerRef = target.get("provider");
        if (providerRef == null || !providerRef.isTextual() || providerRef.asText().isBlank()) {
            throw misconfigured(configId, "the target has no \"provider\" (expected \"@<provider-id>\")");
        }
        String providerId = providerRef.asText().startsWith("@")
                ? providerRef.asText().substring(1)
                : providerRef.asText();
        ProviderAccount provider = directory.provider(providerId).orElseThrow(() ->
                misconfigured(configId, "provider \"" + providerId + "\" is not registered"));
        JsonNode overrides = target.get("override_params");
        if (overrides != null && !overrides.isNull() && !overrides.isObject()) {
            throw misconfigured(configId, "\"override_params\" must be an object");
        }
        AttemptPolicy policy;
        try {
            policy = AttemptPolicy.inherited(chain);
        } catch (IllegalArgumentException e) {
            throw misconfigured(configId, e.getMessage());
        }
        return new Route(configId, config.version(), targetPath(chain.size() - 1), provider,
                overrides instanceof ObjectNode object ? object : null, policy);
    }

    /** The config root, then each first target down to the first leaf (a target may nest a strategy). */
    private static List<JsonNode> firstLeafChain(JsonNode node, String configId) {
        List<JsonNode> chain = new ArrayList<>();
        JsonNode current = node;
        for (int depth = 0; depth < 16; depth++) {
            chain.add(current);
            JsonNode targets = current.get("targets");
            if (targets == null) {
                if (current == node) {
                    throw misconfigured(configId, "the config has no \"targets\"");
                }
                return chain;
            }
            if (!targets.isArray() || targets.isEmpty() || !targets.get(0).isObject()) {
                throw misconfigured(configId, "\"targets\" must be a non-empty array of objects");
            }
            current = targets.get(0);
        }
        throw misconfigured(configId, "targets are nested too deeply");
    }

    /** Portkey's option index: the JSON path of the target, e.g. {@code config.targets[0].targets[0]}. */
    private static String targetPath(int depth) {
        return "config" + ".targets[0]".repeat(depth);
    }

    private static ProxyError misconfigured(String configId, String problem) {
        return ProxyError.api("routing config \"" + configId + "\" is misconfigured: " + problem);
    }
}
