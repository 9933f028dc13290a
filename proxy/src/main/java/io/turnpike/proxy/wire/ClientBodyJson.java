package io.turnpike.proxy.wire;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one mapper for rewriting a client's request body (overrides, provider envelopes): the body is the
 * client's, not ours, so numbers stay exactly as written ({@code 0.70} stays {@code 0.70}, no float rounding)
 * and {@code ObjectNode} keeps field order.
 */
public final class ClientBodyJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private ClientBodyJson() {
    }
}
