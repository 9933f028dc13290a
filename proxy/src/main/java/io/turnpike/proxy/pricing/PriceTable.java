package io.turnpike.proxy.pricing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.turnpike.events.request.TokenUsage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Token prices by model, versioned. Costs are computed in exact decimal arithmetic and returned as nano-USD:
 * money is never a float.
 */
public final class PriceTable {
    public static final String DEFAULT_RESOURCE = "pricing/anthropic-prices.json";

    private static final BigDecimal NANO_USD_PER_USD_PER_MILLION_TOKENS = BigDecimal.valueOf(1_000);
    // Decimals must be read as BigDecimal: 0.08 as a double is not 0.08.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final String version;
    private final Map<String, ModelPrice> prices;
    private final Map<String, String> aliases;
    /** USD per 1,000 server-side web searches ({@code usage.server_tool_use.web_search_requests}). */
    private final BigDecimal webSearchPer1000;

    public PriceTable(String version, Map<String, ModelPrice> prices, Map<String, String> aliases) {
        this(version, prices, aliases, BigDecimal.ZERO);
    }

    public PriceTable(String version, Map<String, ModelPrice> prices, Map<String, String> aliases,
                      BigDecimal webSearchPer1000) {
        this.version = version;
        this.prices = Map.copyOf(prices);
        this.aliases = Map.copyOf(aliases);
        this.webSearchPer1000 = webSearchPer1000;
    }

    /** The table shipped on the classpath. */
    public static PriceTable loadDefault() {
        try (InputStream in = PriceTable.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("price table missing from classpath: " + DEFAULT_RESOURCE);
            }
            return parse(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    public static PriceTable load(Path file) {
        try {
            return parse(JSON.readTree(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read price table " + file, e);
        }
    }

    /** A table from its JSON text (the pricing file's shape), e.g. one published through the admin API. */
    public static PriceTable parse(String json) {
        try {
            return parse(JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("price table is not valid JSON", e);
        }
    }

    private static PriceTable parse(JsonNode root) {
        String version = required(root, "version").asText();
        Map<String, ModelPrice> prices = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = required(root, "models").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> model = it.next();
            JsonNode p = model.getValue();
            prices.put(model.getKey(), new ModelPrice(decimal(p, "input"), decimal(p, "output"),
                    decimal(p, "cache_read"), decimal(p, "cache_write_5m"), decimal(p, "cache_write_1h")));
        }
        Map<String, String> aliases = new HashMap<>();
        root.path("aliases").fields().forEachRemaining(a -> aliases.put(a.getKey(), a.getValue().asText()));
        JsonNode serverTools = root.path("server_tools");
        BigDecimal webSearch = serverTools.has("web_search_per_1000_requests")
                ? decimal(serverTools, "web_search_per_1000_requests") : BigDecimal.ZERO;
        return new PriceTable(version, prices, aliases, webSearch);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("price table lacks \"" + field + "\"");
        }
        return value;
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isNumber()) {
            throw new IllegalArgumentException("price \"" + field + "\" must be a number");
        }
        return value.decimalValue();
    }

    public String version() {
        return version;
    }

    public Optional<ModelPrice> priceOf(String modelId) {
        if (modelId == null) {
            return Optional.empty();
        }
        String id = ModelIds.normalise(modelId);
        return Optional.ofNullable(prices.get(aliases.getOrDefault(id, id)));
    }

    /**
     * input×in + output×out + cache_read×read + 1h_write×w1h + (cache_creation − 1h_write)×w5m, per million
     * tokens, plus web searches at their per-request price. An unknown model costs 0 and is marked
     * {@code <version>:unpriced} so it can be re-priced later.
     */
    public Cost cost(String modelId, TokenUsage usage) {
        Optional<ModelPrice> found = priceOf(modelId);
        if (found.isEmpty()) {
            return new Cost(0, version + ":unpriced");
        }
        ModelPrice p = found.get();
        BigDecimal usdTimesMillion = p.input().multiply(BigDecimal.valueOf(usage.inputTokens()))
                .add(p.output().multiply(BigDecimal.valueOf(usage.outputTokens())))
                .add(p.cacheRead().multiply(BigDecimal.valueOf(usage.cacheReadInputTokens())))
                .add(p.cacheWrite1h().multiply(BigDecimal.valueOf(usage.cacheCreation1hTokens())))
                .add(p.cacheWrite5m().multiply(BigDecimal.valueOf(
                        usage.cacheCreationInputTokens() - usage.cacheCreation1hTokens())))
                // USD per 1,000 requests is 1,000 × (USD per million) per request.
                .add(webSearchPer1000.multiply(BigDecimal.valueOf(1_000L * usage.webSearchRequests())));
        long nanoUsd = usdTimesMillion.multiply(NANO_USD_PER_USD_PER_MILLION_TOKENS)
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
        return new Cost(nanoUsd, version);
    }
}
