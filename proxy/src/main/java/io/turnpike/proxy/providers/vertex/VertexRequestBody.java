package io.turnpike.proxy.providers.vertex;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.proxy.wire.ClientBodyJson;
import io.turnpike.proxy.wire.ProxyError;

import java.io.IOException;

/**
 * The Messages body as Vertex AI wants it: {@code anthropic_version} in the body instead of a header, and (for
 * messages) the model in the URL instead of the body. Everything else — {@code stream} included — stays as the
 * client sent it, in its order; decimals are read as exact {@code BigDecimal}s so {@code 0.70} stays
 * {@code 0.70}.
 */
final class VertexRequestBody {
    static final String ANTHROPIC_VERSION = "vertex-2023-10-16";

    private static final ObjectMapper JSON = ClientBodyJson.MAPPER;

    private VertexRequestBody() {
    }

    /** For {@code :rawPredict} / {@code :streamRawPredict}: drops {@code model}, sets {@code anthropic_version}. */
    static byte[] forMessages(byte[] body) {
        ObjectNode tree = read(body);
        tree.remove("model");
        tree.put("anthropic_version", ANTHROPIC_VERSION);
        return write(tree);
    }

    /** For {@code count-tokens:rawPredict}: the model stays in the body (the URL names no model). */
    static byte[] forCountTokens(byte[] body) {
        ObjectNode tree = read(body);
        tree.put("anthropic_version", ANTHROPIC_VERSION);
        return write(tree);
    }

    private static ObjectNode read(byte[] body) {
        try {
            if (JSON.readTree(body) instanceof ObjectNode tree) {
                return tree;
            }
        } catch (IOException e) {
            throw ProxyError.invalidRequest("request body is not valid JSON: " + e.getMessage());
        }
        throw ProxyError.invalidRequest("request body must be a JSON object");
    }

    private static byte[] write(ObjectNode tree) {
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw ProxyError.api("request body could not be rewritten for Vertex AI");
        }
    }
}
