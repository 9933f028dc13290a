package io.turnpike.proxy.guardrails;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a check sees: every text the model will see (input checks) or produced (output checks), plus the request
 * facts that need no text. Span sources must be distinct, because matches and redactions refer to spans by source.
 *
 * @param spans        the texts, in request order
 * @param model        the requested model, or null when unknown
 * @param metadata     the request's effective metadata
 * @param requestTypes the non-text kinds of content present
 */
public record GuardrailInput(List<TextSpan> spans, String model, Map<String, String> metadata,
                             Set<RequestType> requestTypes) {
    public GuardrailInput {
        spans = List.copyOf(spans);
        metadata = Map.copyOf(metadata);
        requestTypes = Set.copyOf(requestTypes);
        Set<String> sources = new HashSet<>();
        for (TextSpan span : spans) {
            if (!sources.add(span.source())) {
                throw new IllegalArgumentException("duplicate span source " + span.source());
            }
        }
    }

    /** A single text with no request facts: the shape of an output check or a test. */
    public static GuardrailInput ofText(String source, String text) {
        return new GuardrailInput(List.of(new TextSpan(source, text)), null, Map.of(), Set.of());
    }

    public GuardrailInput withSpans(List<TextSpan> replacement) {
        return new GuardrailInput(replacement, model, metadata, requestTypes);
    }

    /** The span with this source, or null. */
    public TextSpan span(String source) {
        Objects.requireNonNull(source, "source");
        for (TextSpan span : spans) {
            if (span.source().equals(source)) {
                return span;
            }
        }
        return null;
    }
}
