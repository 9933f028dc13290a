package io.turnpike.proxy.guarding;

import io.turnpike.events.config.Target;
import io.turnpike.proxy.GatewayDirectory;
import io.turnpike.proxy.RequestEventSink;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.wire.MessagesRequest;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Guardrails on {@code /v1/messages}: input checks before the budget and the upstream ({@link InputGuardrails}),
 * output checks between the upstream's body and the client ({@link OutputGuardrails}).
 */
public final class Guardrails {
    private final GuardrailResolver resolver;
    private final InputGuardrails input;
    private final OutputGuardrails output;

    public Guardrails(GatewayDirectory directory, RequestEventSink sink, Clock clock, Executor executor) {
        this.resolver = new GuardrailResolver(directory);
        GuardrailRunner runner = new GuardrailRunner(executor);
        GuardrailVerdicts verdicts = new GuardrailVerdicts(sink, clock);
        this.input = new InputGuardrails(resolver, runner, verdicts, directory);
        this.output = new OutputGuardrails(resolver, runner, verdicts, directory);
    }

    /**
     * Runs the input guardrails and arms the output ones, then calls {@code next} with the request to send. An
     * output guardrail that cannot be found refuses the request here, before anything is spent.
     */
    public void admit(ProxyCall call, MessagesRequest request, Target firstTarget, Consumer<MessagesRequest> next) {
        resolver.forOutput(call, firstTarget); // throws for a guardrail that cannot be found
        call.filterOutput(output); // resolved again for the target that answers: a fallback may attach others
        input.admit(call, request, firstTarget, next);
    }
}
