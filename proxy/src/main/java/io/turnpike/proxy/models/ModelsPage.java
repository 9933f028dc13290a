package io.turnpike.proxy.models;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.proxy.wire.ProxyError;

import java.util.List;

/**
 * One page of {@code GET /v1/models}, paginated like Anthropic's list endpoints: {@code limit} (1–1000, default
 * 20), and at most one of {@code after_id} (the page after that model) or {@code before_id} (the page before
 * it). {@code has_more} says whether more models lie beyond the page in the direction of travel.
 */
public record ModelsPage(List<ModelInfo> data, boolean hasMore) {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1_000;

    /** @throws ProxyError 400 for a bad limit, both cursors, or a cursor naming a model not in the list */
    public static ModelsPage of(List<ModelInfo> models, String limitParam, String afterId, String beforeId) {
        int limit = limit(limitParam);
        if (afterId != null && beforeId != null) {
            throw ProxyError.invalidRequest("after_id and before_id cannot be used together");
        }
        if (beforeId != null) {
            int end = indexOf(models, beforeId, "before_id");
            int start = Math.max(0, end - limit);
            return new ModelsPage(models.subList(start, end), start > 0);
        }
        int start = afterId == null ? 0 : indexOf(models, afterId, "after_id") + 1;
        int end = Math.min(models.size(), start + limit);
        return new ModelsPage(models.subList(start, end), end < models.size());
    }

    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode array = root.putArray("data");
        data.forEach(model -> array.add(model.toJson()));
        root.put("has_more", hasMore);
        if (data.isEmpty()) {
            root.putNull("first_id");
            root.putNull("last_id");
        } else {
            root.put("first_id", data.get(0).id());
            root.put("last_id", data.get(data.size() - 1).id());
        }
        return root;
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProxyError.invalidRequest("limit: must be an integer from 1 to " + MAX_LIMIT);
    }

    private static int indexOf(List<ModelInfo> models, String id, String param) {
        for (int i = 0; i < models.size(); i++) {
            if (models.get(i).id().equals(id)) {
                return i;
            }
        }
        throw ProxyError.invalidRequest(param + ": no model \"" + id + "\" in this list");
    }
}
