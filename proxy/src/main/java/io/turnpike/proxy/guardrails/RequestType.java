package io.turnpike.proxy.guardrails;

import java.util.Locale;

/** Kinds of content a request may carry beyond plain text, for {@link AllowedRequestTypesCheck}. */
public enum RequestType {
    /** Tool definitions, {@code tool_use} or {@code tool_result} blocks. */
    TOOL_USE,
    /** {@code image} content blocks. */
    IMAGES,
    /** {@code document} content blocks (PDFs, text documents). */
    DOCUMENTS;

    /** {@code tool_use}, {@code images}, {@code documents}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RequestType parse(String wireName) {
        for (RequestType type : values()) {
            if (type.wireName().equals(wireName)) {
                return type;
            }
        }
        throw new IllegalArgumentException("request type must be one of tool_use, images, documents, not \""
                + wireName + "\"");
    }
}
