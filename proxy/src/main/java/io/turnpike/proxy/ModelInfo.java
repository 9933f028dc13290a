package io.turnpike.proxy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** One entry of {@code GET /v1/models}, in Anthropic's shape. */
record ModelInfo(String id, String displayName, Instant createdAt) {

    ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode()
                .put("type", "model")
                .put("id", id)
                .put("display_name", displayName)
                .put("created_at", createdAt.toString());
    }
}
