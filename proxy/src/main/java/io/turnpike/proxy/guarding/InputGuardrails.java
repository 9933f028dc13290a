package io.turnpike.proxy.guarding;

import io.turnpike.events.config.Target;
import io.turnpike.events.guardrails.GuardrailEvaluated;
import io.turnpike.proxy.GatewayDirectory;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.guardrails.GuardrailInput;
import io.turnpike.proxy.guardrails.Redaction;
import io.turnpike.proxy.guardrails.Redactor;
import io.turnpike.proxy.guardrails.SpanMatch;
import io.turnpike.proxy.wire.MessagesRequest;
import io.turnpike.proxy.wire.ProxyError;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Input guardrails on a Messages request, after routing and before budgets: the tenant's and key's baselines plus
 * the first target's {@code input_guardrails}, evaluated over all the text the model will see. Deny → 446 with
 * {@code guardrail_results}; warn → served with {@code x-turnpike-guardrail-verdict} (and status 246 where the
 * tenant opted in); redact → the matched spans are replaced in the body the upstream receives. One
 * {@link GuardrailEvaluated} per check; matched text never leaves the checks.
 */
final class InputGuardrails {
    static final HttpString VERDICT_HEADER = new HttpString("x-turnpike-guardrail-verdict");

    private final GuardrailResolver resolver;
    private final GuardrailRunner runner;
    private final GuardrailVerdicts verdicts;
    private final GatewayDirectory directory;

    InputGuardrails(GuardrailResolver resolver, GuardrailRunner runner, GuardrailVerdicts verdicts,
                    GatewayDirectory directory) {
        this.resolver = resolver;
        this.runner = runner;
        this.verdicts = verdicts;
        this.directory = directory;
    }

    /**
     * Evaluates and then calls {@code next} with the request to send (redacted or not) on the call's IO thread,
     * or fails the call. Throws {@link ProxyError} for what is known synchronously.
     */
    void admit(ProxyCall call, MessagesRequest request, Target target, Consumer<MessagesRequest> next) {
        List<AppliedGuardrail> guardrails = resolver.forInput(call, target);
        if (guardrails.isEmpty()) {
            next.accept(request);
            return;
        }
        GuardrailRequestText text = GuardrailRequestText.of(request.body());
        GuardrailInput input = new GuardrailInput(text.spans(), request.model(), call.metadata(), text.requestTypes());
        runner.evaluate(call, guardrails, input, text.characters(),
                outcomes -> next.accept(decide(call, request, text, input, outcomes)));
    }

    private MessagesRequest decide(ProxyCall call, MessagesRequest request, GuardrailRequestText text,
                                   GuardrailInput input, List<GuardrailOutcome> outcomes) {
        verdicts.publish(call, outcomes, GuardrailEvaluated.INPUT, null);
        if (outcomes.stream().anyMatch(GuardrailOutcome::denies)) {
            throw GuardrailVerdicts.denial("request refused by input", outcomes);
        }
        List<String> warnings = outcomes.stream().filter(GuardrailOutcome::warns)
                .map(outcome -> outcome.guardrail().id()).toList();
        if (!warnings.isEmpty()) {
            markWarned(call, directory, warnings);
        }
        List<SpanMatch> redactions = new ArrayList<>();
        outcomes.stream().filter(GuardrailOutcome::redacts)
                .forEach(outcome -> outcome.results().forEach(result -> redactions.addAll(result.matches())));
        if (redactions.isEmpty()) {
            return request;
        }
        Redaction redaction = Redactor.redact(input.spans(), redactions);
        return MessagesRequest.parse(text.rewrite(redaction.spans()));
    }

    /**
     * Names the warning guardrails in {@code x-turnpike-guardrail-verdict} (added to any earlier warning) and
     * asks for status 246 when the tenant opted in; only effective while the response has not started.
     */
    static void markWarned(ProxyCall call, GatewayDirectory directory, List<String> guardrailIds) {
        HeaderMap headers = call.exchange().getResponseHeaders();
        String previous = headers.getFirst(VERDICT_HEADER);
        String ids = String.join(",", guardrailIds);
        headers.put(VERDICT_HEADER, previous == null ? "warn;" + ids : previous + "," + ids);
        String tenant = GuardrailResolver.tenantOf(call);
        call.warnedWith(tenant == null ? 200 : directory.guardrailWarnStatus(tenant));
        if (call.warnStatus() == 246 && call.isResponseStarted() && !call.anythingSent()
                && call.exchange().getStatusCode() == 200) {
            call.exchange().setStatusCode(246); // an output warning on a held response
        }
    }
}
