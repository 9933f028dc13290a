package io.turnpike.proxy.providers.vertex;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Where a Vertex AI account's Claude calls go. The host follows the region kind (Google's and Anthropic's
 * Vertex clients agree on these):
 * <ul>
 *   <li>{@code global} → {@code https://aiplatform.googleapis.com}</li>
 *   <li>multi-region {@code us} / {@code eu} → {@code https://aiplatform.us.rep.googleapis.com} /
 *       {@code https://aiplatform.eu.rep.googleapis.com}</li>
 *   <li>a region such as {@code us-east5} → {@code https://us-east5-aiplatform.googleapis.com}</li>
 * </ul>
 * The path always names the region as the location. {@code endpoint_url} replaces the host (tests, private
 * service connect).
 */
record VertexEndpoint(String baseUrl, String projectId, String region) {
    /** Google project ids are lowercase letters, digits and hyphens; legacy domain-scoped ones add {@code .:}. */
    private static final Pattern PROJECT_ID = Pattern.compile("[a-z0-9][a-z0-9.:-]{0,126}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    /** Vertex publisher model ids: {@code claude-sonnet-4-5@20250929}; anything else would bend the URL. */
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,199}");

    VertexEndpoint {
        if (projectId == null || !PROJECT_ID.matcher(projectId).matches()) {
            throw new IllegalArgumentException("project_id must be a Google Cloud project id");
        }
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException(
                    "region must be \"global\", \"us\", \"eu\" or a Google Cloud region such as \"us-east5\"");
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = hostFor(region);
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    static VertexEndpoint of(String projectId, String region, String endpointUrlOverride) {
        return new VertexEndpoint(endpointUrlOverride, projectId, region);
    }

    static String hostFor(String region) {
        return switch (region) {
            case "global" -> "https://aiplatform.googleapis.com";
            case "us", "eu" -> "https://aiplatform." + region + ".rep.googleapis.com";
            default -> "https://" + region + "-aiplatform.googleapis.com";
        };
    }

    /** {@code :streamRawPredict} for streaming requests, {@code :rawPredict} otherwise. */
    URI predict(String modelId, boolean stream) {
        return model(modelId, stream ? "streamRawPredict" : "rawPredict");
    }

    /** Token counting is one shared pseudo-model; the real model id travels in the body. */
    URI countTokens() {
        return model("count-tokens", "rawPredict");
    }

    static boolean isValidModelId(String modelId) {
        return modelId != null && MODEL_ID.matcher(modelId).matches();
    }

    private URI model(String modelId, String method) {
        if (!isValidModelId(modelId)) {
            throw new IllegalArgumentException("not a Vertex AI model id");
        }
        return URI.create(baseUrl + "/v1/projects/" + projectId + "/locations/" + region
                + "/publishers/anthropic/models/" + modelId + ":" + method);
    }
}
