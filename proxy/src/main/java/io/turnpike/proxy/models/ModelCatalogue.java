package io.turnpike.proxy.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.proxy.pricing.ModelIds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Claude models this gateway knows by name: Anthropic-style alias ids ({@code claude-sonnet-4-5}), display
 * names and release dates, newest first (the order of Anthropic's own list). Any spelling of a model — dated,
 * {@code -latest}, Bedrock, Vertex — is reduced to the catalogue id by {@link #canonical}.
 */
public final class ModelCatalogue {
    static final String DEFAULT_RESOURCE = "models/anthropic-models.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ModelInfo> models;
    private final Map<String, ModelInfo> byId;
    private final Map<String, String> aliases;

    ModelCatalogue(List<ModelInfo> models, Map<String, String> aliases) {
        List<ModelInfo> sorted = new ArrayList<>(models);
        sorted.sort(Comparator.comparing(ModelInfo::createdAt).reversed().thenComparing(ModelInfo::id));
        this.models = List.copyOf(sorted);
        Map<String, ModelInfo> index = new LinkedHashMap<>();
        sorted.forEach(model -> index.put(model.id(), model));
        this.byId = index;
        this.aliases = Map.copyOf(aliases);
    }

    public static ModelCatalogue loadDefault() {
        try (InputStream in = ModelCatalogue.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("model catalogue missing from classpath: " + DEFAULT_RESOURCE);
            }
            JsonNode root = JSON.readTree(in);
            List<ModelInfo> models = new ArrayList<>();
            for (JsonNode model : root.path("models")) {
                models.add(new ModelInfo(model.path("id").asText(), model.path("display_name").asText(),
                        Instant.parse(model.path("created_at").asText())));
            }
            Map<String, String> aliases = new HashMap<>();
            root.path("aliases").fields().forEachRemaining(a -> aliases.put(a.getKey(), a.getValue().asText()));
            return new ModelCatalogue(models, aliases);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /** Every model, newest first. */
    public List<ModelInfo> all() {
        return models;
    }

    /** The catalogue's id for any spelling of a model id (unknown models: their normalised id). */
    public String canonical(String modelId) {
        String id = ModelIds.normalise(modelId);
        return aliases.getOrDefault(id, id);
    }

    public Optional<ModelInfo> find(String modelId) {
        return Optional.ofNullable(byId.get(canonical(modelId)));
    }
}
