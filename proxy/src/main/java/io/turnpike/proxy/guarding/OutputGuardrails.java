package io.turnpike.proxy.guarding;

import io.turnpike.events.guardrails.GuardrailDocument;
import io.turnpike.proxy.GatewayDirectory;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.exchange.ResponseFilter;
import io.turnpike.proxy.guardrails.GuardrailInput;
import io.turnpike.proxy.guardrails.TextSpan;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Output guardrails on a Messages response: the tenant's and key's baselines plus the committed target's
 * {@code output_guardrails}, run on the text the model produced. Only successful responses are checked (an upstream
 * error carries no model output). Streams are checked incrementally ({@link StreamOutputGuard}) unless a guardrail
 * asks to hold the stream or redacts (text already sent cannot be taken back); whole JSON bodies are always held.
 */
final class OutputGuardrails implements ResponseFilter.Factory {
    private final GuardrailResolver resolver;
    private final GuardrailRunner runner;
    private final GuardrailVerdicts verdicts;
    private final GatewayDirectory directory;

    OutputGuardrails(GuardrailResolver resolver, GuardrailRunner runner, GuardrailVerdicts verdicts,
                     GatewayDirectory directory) {
        this.resolver = resolver;
        this.runner = runner;
        this.verdicts = verdicts;
        this.directory = directory;
    }

    @Override
    public ResponseFilter open(ProxyCall call, int status, String contentType) {
        if (status != 200 || call.target() == null || contentType == null) {
            return null;
        }
        List<AppliedGuardrail> guardrails = resolver.forOutput(call, call.target());
        if (guardrails.isEmpty()) {
            return null;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        OutputCheckpoint checkpoint = new OutputCheckpoint(call, guardrails, runner, verdicts, directory);
        if (type.startsWith("text/event-stream")) {
            return new StreamOutputGuard(checkpoint, holds(guardrails));
        }
        if (type.startsWith("application/json")) {
            return new BodyOutputGuard(checkpoint);
        }
        return null;
    }

    /** Whether the stream must be held back until the checks pass: a strict guardrail, or one that redacts. */
    static boolean holds(List<AppliedGuardrail> guardrails) {
        return guardrails.stream().map(AppliedGuardrail::document).anyMatch(document ->
                document.streamMode() == GuardrailDocument.StreamMode.HOLD
                        || document.action() == GuardrailDocument.Action.REDACT);
    }

    static GuardrailInput input(ProxyCall call, List<TextSpan> spans) {
        return GuardrailInput.output(spans, call.model(), call.metadata(), Set.of());
    }
}
