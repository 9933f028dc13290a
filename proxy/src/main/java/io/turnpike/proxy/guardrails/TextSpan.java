package io.turnpike.proxy.guardrails;

import java.util.Objects;

/**
 * One piece of text a check looks at, named by where it sits in the request or response
 * ({@code system}, {@code messages[2].content[0]}, {@code content[0]}). Offsets in {@link SpanMatch} index into
 * {@link #text()}.
 */
public record TextSpan(String source, String text) {
    public TextSpan {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
    }
}
