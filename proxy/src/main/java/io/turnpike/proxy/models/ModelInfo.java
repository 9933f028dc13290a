package io.turnpike.proxy.models;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** One entry of {@code GET /v1/models}, in Anthropic's shape. */
public record ModelInfo(String id, String displayName, Instant createdAt) {

    public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode()
                .put("type", "model")
                .put("id", id)
                .put("display_name", displayName)
                .put("created_at", createdAt.toString());
    }
}
