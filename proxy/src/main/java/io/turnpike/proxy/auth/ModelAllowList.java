package io.turnpike.proxy.auth;

import io.turnpike.proxy.models.ModelCatalogue;
import io.turnpike.proxy.models.ModelInfo;
import io.turnpike.proxy.wire.ProxyError;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The models one routing config lets its keys use: the config document's {@code "allowed_models"} array (a
 * Turnpike extension to the Portkey shape). Without it nothing is restricted and {@code /v1/models} lists the
 * whole catalogue. Ids are compared in their canonical form, so {@code claude-sonnet-4-5-20250929} and
 * {@code us.anthropic.claude-sonnet-4-5-20250929-v1:0} both match an allowed {@code claude-sonnet-4-5}.
 */
public final class ModelAllowList {
    /** What an allowed model missing from the catalogue is listed with: no release date is known. */
    static final Instant UNKNOWN_CREATED_AT = Instant.EPOCH;

    private final ModelCatalogue catalogue;
    /** Canonical ids in the config's order; null when the config does not restrict. */
    private final Set<String> allowed;
    private final List<String> spelledAsConfigured;

    private ModelAllowList(ModelCatalogue catalogue, Set<String> allowed, List<String> spelledAsConfigured) {
        this.catalogue = catalogue;
        this.allowed = allowed;
        this.spelledAsConfigured = spelledAsConfigured;
    }

    static ModelAllowList unrestricted(ModelCatalogue catalogue) {
        return new ModelAllowList(catalogue, null, List.of());
    }

    /** @param allowedModels the config's {@code allowed_models} (already validated); null when it restricts nothing */
    static ModelAllowList of(List<String> allowedModels, ModelCatalogue catalogue) {
        if (allowedModels == null) {
            return unrestricted(catalogue);
        }
        Set<String> allowed = new LinkedHashSet<>();
        List<String> spelled = new ArrayList<>();
        for (String id : allowedModels) {
            if (allowed.add(catalogue.canonical(id))) {
                spelled.add(id.trim());
            }
        }
        return new ModelAllowList(catalogue, allowed, List.copyOf(spelled));
    }

    boolean restricts() {
        return allowed != null;
    }

    boolean allows(String modelId) {
        return allowed == null || allowed.contains(catalogue.canonical(modelId));
    }

    /** @throws ProxyError 400 {@code invalid_request_error} naming the model and the allowed ones */
    public void check(String modelId) {
        if (!allows(modelId)) {
            throw ProxyError.invalidRequest("model \"" + modelId + "\" is not allowed for this API key; allowed: "
                    + String.join(", ", spelledAsConfigured));
        }
    }

    /** The models to list: the catalogue (newest first) or exactly the allowed ones, in the catalogue's order. */
    public List<ModelInfo> models() {
        if (allowed == null) {
            return catalogue.all();
        }
        List<ModelInfo> listed = new ArrayList<>();
        for (ModelInfo model : catalogue.all()) {
            if (allowed.contains(model.id())) {
                listed.add(model);
            }
        }
        // Allowed ids the catalogue does not know yet (a newer model) are still listed, after the known ones.
        for (String id : spelledAsConfigured) {
            if (catalogue.find(id).isEmpty()) {
                listed.add(new ModelInfo(id, id, UNKNOWN_CREATED_AT));
            }
        }
        return listed;
    }

    public Optional<ModelInfo> find(String modelId) {
        String canonical = catalogue.canonical(modelId);
        return models().stream().filter(model -> catalogue.canonical(model.id()).equals(canonical)).findFirst();
    }
}
