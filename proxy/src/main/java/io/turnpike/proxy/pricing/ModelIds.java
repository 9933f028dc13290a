package io.turnpike.proxy.pricing;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reduces the many spellings of one Claude model to the id the price table uses: first-party dated ids
 * ({@code claude-sonnet-4-5-20250929}), {@code -latest} aliases, Vertex ({@code claude-3-5-haiku@20241022}) and
 * Bedrock ({@code us.anthropic.claude-sonnet-4-5-20250929-v1:0}, or an ARN ending in such an id).
 */
public final class ModelIds {
    private static final Pattern BEDROCK_REGION = Pattern.compile("^(?:us|us-gov|eu|apac|jp|au|ca|global)\\.");
    private static final Pattern BEDROCK_VENDOR = Pattern.compile("^anthropic\\.");
    private static final Pattern BEDROCK_VERSION = Pattern.compile("-v\\d+(?::\\d+)?$");
    private static final Pattern VERTEX_VERSION = Pattern.compile("@(?:\\d{8}|latest)$");
    private static final Pattern DATE_SUFFIX = Pattern.compile("-\\d{8}$");
    private static final Pattern LATEST_SUFFIX = Pattern.compile("-latest$");

    private ModelIds() {
    }

    public static String normalise(String modelId) {
        String id = modelId.trim().toLowerCase(Locale.ROOT);
        if (id.startsWith("arn:")) {
            // Foundation-model and inference-profile ARNs end in the model id; application inference
            // profiles end in an opaque id and stay unpriced until the response names the model.
            id = id.substring(id.lastIndexOf('/') + 1);
        }
        id = BEDROCK_REGION.matcher(id).replaceFirst("");
        id = BEDROCK_VENDOR.matcher(id).replaceFirst("");
        id = BEDROCK_VERSION.matcher(id).replaceFirst("");
        id = VERTEX_VERSION.matcher(id).replaceFirst("");
        id = DATE_SUFFIX.matcher(id).replaceFirst("");
        id = LATEST_SUFFIX.matcher(id).replaceFirst("");
        return id;
    }
}
