package io.turnpike.proxy.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.proxy.wire.ClientBodyJson;
import io.turnpike.proxy.wire.ProxyError;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Messages API → Bedrock InvokeModel translation: the URLs, and the body that Bedrock's Anthropic models
 * expect (the model moves to the path, {@code stream} to the operation, {@code anthropic-beta} headers into the
 * body). Everything else passes through in its original order.
 */
final class BedrockRequests {
    static final String ANTHROPIC_VERSION = "bedrock-2023-05-31";
    private static final ObjectMapper JSON = ClientBodyJson.MAPPER;
    /** Cross-region inference-profile prefixes; CountTokens accepts only the bare foundation-model id. */
    private static final Pattern INFERENCE_PROFILE_PREFIX =
            Pattern.compile("^(?:us|us-gov|eu|apac|jp|au|ca|global)\\.(?=anthropic\\.)");

    private BedrockRequests() {
    }

    static URI invokeUri(URI endpoint, String modelId, boolean stream) {
        return modelUri(endpoint, modelId, stream ? "invoke-with-response-stream" : "invoke");
    }

    static URI countTokensUri(URI endpoint, String modelId) {
        return modelUri(endpoint, INFERENCE_PROFILE_PREFIX.matcher(modelId).replaceFirst(""), "count-tokens");
    }

    private static URI modelUri(URI endpoint, String modelId, String operation) {
        String base = endpoint.toString();
        return URI.create(base + "/model/" + encodePathSegment(modelId) + "/" + operation);
    }

    /**
     * RFC 3986 percent-encoding of everything but the unreserved characters, as the AWS SDKs do for path labels:
     * ARNs carry {@code :} and {@code /}, which must not be read as path structure.
     */
    static String encodePathSegment(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /**
     * The InvokeModel body: {@code anthropic_version} first, then the client's fields in their order without
     * {@code model} and {@code stream}, with the beta flags (from the body and the {@code anthropic-beta}
     * header values, comma-separated and/or repeated) merged into {@code anthropic_beta}.
     */
    static byte[] invokeBody(byte[] messagesBody, Iterable<String> betaHeaderValues) {
        return bytes(invokeTree(messagesBody, betaHeaderValues));
    }

    /** CountTokens wraps the InvokeModel body, base64-encoded; Bedrock validates it as one, so it needs max_tokens. */
    static byte[] countTokensBody(byte[] messagesBody, Iterable<String> betaHeaderValues) {
        ObjectNode invoke = invokeTree(messagesBody, betaHeaderValues);
        if (!invoke.has("max_tokens")) {
            invoke.put("max_tokens", 1);
        }
        ObjectNode root = JSON.createObjectNode();
        root.putObject("input").putObject("invokeModel")
                .put("body", Base64.getEncoder().encodeToString(bytes(invoke)));
        return bytes(root);
    }

    private static byte[] bytes(JsonNode tree) {
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static ObjectNode invokeTree(byte[] messagesBody, Iterable<String> betaHeaderValues) {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(messagesBody);
        } catch (IOException e) {
            throw ProxyError.invalidRequest("request body is not valid JSON: " + e.getMessage());
        }
        if (parsed == null || !parsed.isObject()) {
            throw ProxyError.invalidRequest("request body must be a JSON object");
        }
        Set<String> betas = new LinkedHashSet<>();
        JsonNode bodyBetas = parsed.get("anthropic_beta");
        if (bodyBetas != null && bodyBetas.isArray()) {
            bodyBetas.forEach(beta -> addBeta(betas, beta.asText()));
        }
        if (betaHeaderValues != null) {
            for (String header : betaHeaderValues) {
                for (String beta : header.split(",")) {
                    addBeta(betas, beta);
                }
            }
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("anthropic_version", ANTHROPIC_VERSION);
        for (Iterator<Map.Entry<String, JsonNode>> it = parsed.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            switch (field.getKey()) {
                case "model", "stream", "anthropic_version" -> {
                }
                case "anthropic_beta" -> out.set("anthropic_beta", betaArray(betas));
                default -> out.set(field.getKey(), field.getValue());
            }
        }
        if (!betas.isEmpty() && !out.has("anthropic_beta")) {
            out.set("anthropic_beta", betaArray(betas));
        }
        return out;
    }

    private static void addBeta(Set<String> betas, String beta) {
        String trimmed = beta.trim();
        if (!trimmed.isEmpty()) {
            betas.add(trimmed);
        }
    }

    private static ArrayNode betaArray(Set<String> betas) {
        ArrayNode array = JSON.createArrayNode();
        betas.forEach(array::add);
        return array;
    }
}
