package io.turnpike.proxy.guardrails;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
 * @param kind         whether the texts are the request's (input) or the response's (output)
 */
public record GuardrailInput(List<TextSpan> spans, String model, Map<String, String> metadata,
                             Set<RequestType> requestTypes, Kind kind) {

    /** Which side of the exchange the texts come from. */
    public enum Kind {
        INPUT, OUTPUT;

        /** {@code input} or {@code output}, as a webhook receives it. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public GuardrailInput {
        spans = List.copyOf(spans);
        metadata = Map.copyOf(metadata);
        requestTypes = Set.copyOf(requestTypes);
        Objects.requireNonNull(kind, "kind");
        Set<String> sources = new HashSet<>();
        for (TextSpan span : spans) {
            if (!sources.add(span.source())) {
                throw new IllegalArgumentException("duplicate span source " + span.source());
            }
        }
    }

    /** An input (request-side) evaluation: the shape input guardrails build. */
    public GuardrailInput(List<TextSpan> spans, String model, Map<String, String> metadata,
                          Set<RequestType> requestTypes) {
        this(spans, model, metadata, requestTypes, Kind.INPUT);
    }

    /** An output evaluation: the response's texts with the request's facts. */
    public static GuardrailInput output(List<TextSpan> spans, String model, Map<String, String> metadata,
                                        Set<RequestType> requestTypes) {
        return new GuardrailInput(spans, model, metadata, requestTypes, Kind.OUTPUT);
    }

    /** A single text with no request facts: the shape of an output check or a test. */
    public static GuardrailInput ofText(String source, String text) {
        return new GuardrailInput(List.of(new TextSpan(source, text)), null, Map.of(), Set.of());
    }

    public GuardrailInput withSpans(List<TextSpan> replacement) {
        return new GuardrailInput(replacement, model, metadata, requestTypes, kind);
    }

    public GuardrailInput withKind(Kind replacement) {
        return new GuardrailInput(spans, model, metadata, requestTypes, replacement);
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
