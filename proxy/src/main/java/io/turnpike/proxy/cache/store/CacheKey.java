package io.turnpike.proxy.cache.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.turnpike.proxy.wire.ClientBodyJson;

import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The identity of a cacheable answer: SHA-256 over everything that can change it, so an exact repeat finds its
 * entry and nothing else does.
 * <ul>
 *   <li>scope: the routing config id and the tenant — tenants (and configs) never share entries;</li>
 *   <li>the request body as forwarded (after {@code override_params}), canonical: object keys sorted at every
 *       level, numbers by value ({@code 0.70} = {@code 0.7}), whitespace ignored; minus the fields that do not
 *       change the answer ({@link #IGNORED_FIELDS});</li>
 *   <li>whether the answer streams — a streamed answer is stored as SSE bytes and replayed only to streaming
 *       requests, a JSON answer only to non-streaming ones;</li>
 *   <li>the {@code anthropic-version} and {@code anthropic-beta} headers (betas as a set) and the query string,
 *       which select API behaviour. Other headers (user agent, session id, metadata…) are not part of it.</li>
 * </ul>
 */
public record CacheKey(String digest) {
    /** {@code stream} is keyed separately; Anthropic's {@code metadata} (user id) labels, it never steers. */
    static final Set<String> IGNORED_FIELDS = Set.of("stream", "metadata");

    /**
     * @param body             the forwarded request body, a JSON object
     * @param betas            the {@code anthropic-beta} header values as sent (comma-separated lists allowed)
     * @param anthropicVersion the {@code anthropic-version} header, or null
     * @param query            the request's query string, or null
     */
    public static CacheKey of(String configId, String tenant, byte[] body, boolean stream, List<String> betas,
                       String anthropicVersion, String query) {
        MessageDigest sha256 = sha256();
        try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha256);
             JsonGenerator json = ClientBodyJson.MAPPER.getFactory().createGenerator(out)) {
            JsonNode tree = ClientBodyJson.MAPPER.readTree(body);
            // One JSON array of all parts: unambiguous boundaries between them for free.
            json.writeStartArray();
            json.writeString("v1");
            json.writeString(configId == null ? "" : configId);
            json.writeString(tenant == null ? "" : tenant);
            json.writeBoolean(stream);
            json.writeString(anthropicVersion == null ? "" : anthropicVersion);
            json.writeStartArray();
            for (String beta : betaSet(betas)) {
                json.writeString(beta);
            }
            json.writeEndArray();
            json.writeString(query == null ? "" : query);
            writeCanonical(json, tree, true);
            json.writeEndArray();
        } catch (IOException e) {
            // MessagesRequest.parse has already accepted the body, so this is not the client's fault.
            throw new IllegalStateException("could not read the request body for the cache key", e);
        }
        return new CacheKey(HexFormat.of().formatHex(sha256.digest()));
    }

    private static Set<String> betaSet(List<String> betas) {
        Set<String> set = new TreeSet<>();
        if (betas != null) {
            for (String value : betas) {
                for (String beta : value.split(",")) {
                    if (!beta.isBlank()) {
                        set.add(beta.strip());
                    }
                }
            }
        }
        return set;
    }

    private static void writeCanonical(JsonGenerator json, JsonNode node, boolean topLevel) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.sort(null);
            json.writeStartObject();
            for (String name : names) {
                if (topLevel && IGNORED_FIELDS.contains(name)) {
                    continue;
                }
                json.writeFieldName(name);
                writeCanonical(json, node.get(name), false);
            }
            json.writeEndObject();
        } else if (node.isArray()) {
            json.writeStartArray();
            for (JsonNode element : node) {
                writeCanonical(json, element, false);
            }
            json.writeEndArray();
        } else if (node.isNumber()) {
            // By value, in one spelling: 1, 1.0 and 1E+0 are the same temperature.
            json.writeNumber(node.decimalValue().stripTrailingZeros().toString());
        } else {
            json.writeTree(node);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return "CacheKey[" + digest.substring(0, 12) + "…]";
    }
}
