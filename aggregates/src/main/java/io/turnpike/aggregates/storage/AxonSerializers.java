package io.turnpike.aggregates.storage;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.events.EventJson;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * One Jackson serializer for events, messages and snapshots, in the shared event dialect. Field visibility is opened
 * up because aggregates keep private state without accessors; without it, snapshots would serialize as empty objects
 * and fail silently on restore.
 */
public final class AxonSerializers {
    private AxonSerializers() {
    }

    public static JacksonSerializer jackson() {
        ObjectMapper mapper = EventJson.newMapper();
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }
}
