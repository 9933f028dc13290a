package io.turnpike.aggregates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.turnpike.events.EventJson;

/**
 * Checks a routing config document (Portkey-style JSON): an object with a non-empty {@code targets} array whose
 * entries either name a provider as {@code "@<provider id>"} or nest their own {@code targets}. Every provider
 * reference, at any depth, must name a registered provider. The document itself is stored untouched.
 */
final class ConfigDocument {
    static final String FIELD = "configs.document";
    private static final ObjectReader READER =
            EventJson.newMapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ConfigDocument() {
    }

    static void validate(String document, References references) {
        if (document == null || document.isBlank()) {
            throw new ValidationException(FIELD, "must not be empty");
        }
        JsonNode root;
        try {
            root = READER.readTree(document);
        } catch (JsonProcessingException e) {
            throw new ValidationException(FIELD, "is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ValidationException(FIELD, "must be a JSON object");
        }
        validateTargets(root, FIELD, references);
        validateAllowedModels(root.get("allowed_models"));
    }

    /** Turnpike's extension: the model ids this config serves; absent means every known model. */
    private static void validateAllowedModels(JsonNode allowed) {
        if (allowed == null) {
            return;
        }
        String path = FIELD + ".allowed_models";
        if (!allowed.isArray() || allowed.isEmpty()) {
            throw new ValidationException(path, "must be a non-empty array of model ids (omit it to allow every model)");
        }
        for (int i = 0; i < allowed.size(); i++) {
            JsonNode model = allowed.get(i);
            if (!model.isTextual() || model.asText().isBlank()) {
                throw new ValidationException(path + "[" + i + "]", "must be a non-empty model id string");
            }
        }
    }

    private static void validateTargets(JsonNode parent, String path, References references) {
        JsonNode targets = parent.get("targets");
        String targetsPath = path + ".targets";
        if (targets == null || !targets.isArray() || targets.isEmpty()) {
            throw new ValidationException(targetsPath, "must be a non-empty array");
        }
        for (int i = 0; i < targets.size(); i++) {
            JsonNode target = targets.get(i);
            String targetPath = targetsPath + "[" + i + "]";
            if (!target.isObject()) {
                throw new ValidationException(targetPath, "must be an object");
            }
            if (!target.has("provider") && !target.has("targets")) {
                throw new ValidationException(targetPath, "needs a \"provider\" or nested \"targets\"");
            }
            if (target.has("provider")) {
                validateProviderReference(target.get("provider"), targetPath + ".provider", references);
            }
            if (target.has("targets")) {
                validateTargets(target, targetPath, references);
            }
        }
    }

    private static void validateProviderReference(JsonNode provider, String path, References references) {
        if (!provider.isTextual() || !provider.asText().startsWith("@")) {
            throw new ValidationException(path, "must be \"@<provider id>\"");
        }
        String providerId = provider.asText().substring(1);
        if (!references.providerExists(providerId)) {
            throw new ValidationException(path, "provider '" + providerId + "' is not registered");
        }
    }
}
