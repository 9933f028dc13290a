package io.turnpike.events.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The parameters each check type needs, checked when a guardrail is saved so that the proxy never meets a
 * guardrail it cannot run. Only the members named here are checked; others are kept for the check to read.
 */
final class CheckParams {
    /** The PII categories the proxy detects; anything else is refused rather than silently never matching. */
    static final List<String> PII_CATEGORIES = List.of("email", "phone", "credit_card", "iban", "us_ssn",
            "ip_address", "aws_access_key", "aws_secret_key", "gcp_api_key", "anthropic_api_key", "private_key");
    static final Set<String> MATCH_MODES = Set.of("any", "all", "none");
    static final int MAX_WEBHOOK_TIMEOUT_MS = 10_000;
    private static final int MAX_LIST = 1_000;

    private CheckParams() {
    }

    static void validate(String type, ObjectNode params, String field) {
        switch (type) {
            case GuardrailCheck.REGEX_MATCH -> pattern(params, field);
            case GuardrailCheck.WORD_LIST -> {
                strings(params, "words", field);
                mode(params, field);
                bool(params, "case_insensitive", field);
            }
            case GuardrailCheck.CHARACTER_COUNT, GuardrailCheck.WORD_COUNT, GuardrailCheck.SENTENCE_COUNT ->
                    bounds(params, field);
            case GuardrailCheck.MODEL_ALLOW_LIST -> strings(params, "models", field);
            case GuardrailCheck.REQUIRED_METADATA_KEYS -> strings(params, "keys", field);
            case GuardrailCheck.ALLOWED_REQUEST_TYPES -> strings(params, "types", field);
            case GuardrailCheck.JSON_KEYS -> {
                strings(params, "keys", field);
                mode(params, field);
            }
            case GuardrailCheck.PII -> {
                piiCategories(params, field);
                bool(params, "redact", field);
            }
            case GuardrailCheck.PROMPT_INJECTION -> {
                // The rule set is fixed and documented; no required parameters.
            }
            case GuardrailCheck.WEBHOOK -> webhook(params, field);
            default -> throw new IllegalStateException("no parameter rules for check type " + type);
        }
    }

    private static void pattern(ObjectNode params, String field) {
        JsonNode pattern = params.get("pattern");
        if (pattern == null || !pattern.isTextual() || pattern.asText().isEmpty()) {
            throw new GuardrailDocumentException(field + ".pattern", "required: a non-empty regular expression");
        }
        try {
            Pattern.compile(pattern.asText());
        } catch (PatternSyntaxException e) {
            throw new GuardrailDocumentException(field + ".pattern", "not a valid regular expression ("
                    + e.getDescription() + " near index " + e.getIndex() + ")");
        }
    }

    private static void strings(ObjectNode params, String name, String field) {
        JsonNode list = params.get(name);
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new GuardrailDocumentException(field + "." + name, "required: a non-empty array of strings");
        }
        if (list.size() > MAX_LIST) {
            throw new GuardrailDocumentException(field + "." + name, "at most " + MAX_LIST + " entries");
        }
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isTextual() || list.get(i).asText().isEmpty()) {
                throw new GuardrailDocumentException(field + "." + name + "[" + i + "]", "must be a non-empty string");
            }
        }
    }

    private static void mode(ObjectNode params, String field) {
        JsonNode mode = params.get("mode");
        if (mode != null && (!mode.isTextual() || !MATCH_MODES.contains(mode.asText()))) {
            throw new GuardrailDocumentException(field + ".mode", "must be one of any, all, none");
        }
    }

    private static void bool(ObjectNode params, String name, String field) {
        JsonNode value = params.get(name);
        if (value != null && !value.isBoolean()) {
            throw new GuardrailDocumentException(field + "." + name, "must be true or false");
        }
    }

    private static void bounds(ObjectNode params, String field) {
        Long min = count(params, "min", field);
        Long max = count(params, "max", field);
        if (min == null && max == null) {
            throw new GuardrailDocumentException(field + ".min", "set min, max or both");
        }
        if (min != null && max != null && min > max) {
            throw new GuardrailDocumentException(field + ".min", "must be ≤ max (" + max + ")");
        }
    }

    private static Long count(ObjectNode params, String name, String field) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new GuardrailDocumentException(field + "." + name, "must be a whole number ≥ 0");
        }
        return value.asLong();
    }

    private static void piiCategories(ObjectNode params, String field) {
        strings(params, "categories", field);
        JsonNode categories = params.get("categories");
        for (int i = 0; i < categories.size(); i++) {
            if (!PII_CATEGORIES.contains(categories.get(i).asText())) {
                throw new GuardrailDocumentException(field + ".categories[" + i + "]", "unknown category \""
                        + categories.get(i).asText() + "\"; expected one of " + PII_CATEGORIES);
            }
        }
    }

    private static void webhook(ObjectNode params, String field) {
        JsonNode url = params.get("url");
        if (url == null || !url.isTextual() || !isHttpUrl(url.asText())) {
            throw new GuardrailDocumentException(field + ".url", "required: an absolute http(s) URL");
        }
        JsonNode timeout = params.get("timeout_ms");
        if (timeout == null || !timeout.isIntegralNumber() || timeout.asLong() < 1
                || timeout.asLong() > MAX_WEBHOOK_TIMEOUT_MS) {
            throw new GuardrailDocumentException(field + ".timeout_ms",
                    "required: milliseconds from 1 to " + MAX_WEBHOOK_TIMEOUT_MS);
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
