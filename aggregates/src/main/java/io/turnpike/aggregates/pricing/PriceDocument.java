package io.turnpike.aggregates.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.aggregates.ValidationException;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates a price table document before it is published, with errors that name the JSON path: the proxy must
 * never be handed a table it cannot price with. Shape: {@code {"version", "models":{id:{input, output,
 * cache_read, cache_write_5m, cache_write_1h}}, "aliases"?:{id:id}, "server_tools"?:{"web_search_per_1000_requests"}}},
 * USD per million tokens (web searches: USD per 1,000).
 */
public final class PriceDocument {
    static final String FIELD = "pricing";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final List<String> PRICES = List.of("input", "output", "cache_read", "cache_write_5m", "cache_write_1h");

    private PriceDocument() {
    }

    /** Returns the table's version. */
    public static String validate(String document) {
        JsonNode root;
        try {
            root = document == null ? null : JSON.readTree(document);
        } catch (IOException e) {
            throw new ValidationException(FIELD, "is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ValidationException(FIELD, "must be a JSON object");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isTextual() || !VERSION.matcher(version.asText()).matches()) {
            throw new ValidationException(FIELD + ".version",
                    "must be a string of letters, digits, '.', '_', ':' or '-' (at most 64), e.g. \"2026-12-01\"");
        }
        JsonNode models = root.get("models");
        if (models == null || !models.isObject() || models.isEmpty()) {
            throw new ValidationException(FIELD + ".models", "must be a non-empty object of model id → prices");
        }
        for (Map.Entry<String, JsonNode> model : (Iterable<Map.Entry<String, JsonNode>>) models::fields) {
            String path = FIELD + ".models." + model.getKey();
            if (!model.getValue().isObject()) {
                throw new ValidationException(path, "must be an object of prices");
            }
            for (String price : PRICES) {
                JsonNode value = model.getValue().get(price);
                if (value == null || !value.isNumber() || value.decimalValue().signum() < 0) {
                    throw new ValidationException(path + "." + price,
                            "must be a non-negative number (USD per million tokens)");
                }
            }
        }
        JsonNode serverTools = root.get("server_tools");
        if (serverTools != null && !serverTools.isNull()) {
            JsonNode webSearch = serverTools.get("web_search_per_1000_requests");
            if (!serverTools.isObject() || (webSearch != null
                    && (!webSearch.isNumber() || webSearch.decimalValue().signum() < 0))) {
                throw new ValidationException(FIELD + ".server_tools.web_search_per_1000_requests",
                        "must be a non-negative number (USD per 1,000 web searches)");
            }
        }
        JsonNode aliases = root.get("aliases");
        if (aliases != null && !aliases.isNull()) {
            if (!aliases.isObject()) {
                throw new ValidationException(FIELD + ".aliases", "must be an object of model id → model id");
            }
            for (Map.Entry<String, JsonNode> alias : (Iterable<Map.Entry<String, JsonNode>>) aliases::fields) {
                if (!alias.getValue().isTextual() || !models.has(alias.getValue().asText())) {
                    throw new ValidationException(FIELD + ".aliases." + alias.getKey(),
                            "must name a model priced in this table");
                }
            }
        }
        return version.asText();
    }
}
