package io.turnpike.proxy.guarding;

import io.turnpike.events.guardrails.GuardrailEvaluated;
import io.turnpike.proxy.GatewayDirectory;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.guardrails.CheckResult;
import io.turnpike.proxy.guardrails.SpanMatch;
import io.turnpike.proxy.wire.ProxyError;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The output guardrails of one response and what has been decided about them: checks run as often as the text
 * grows ({@link #recheck}), once in full at the end ({@link #conclude}); the verdicts are published once, with the
 * time spent over all runs. A deny stops the call: as a 446 when nothing was sent yet, else as an SSE error event,
 * with the output produced so far estimated for the cost.
 */
final class OutputCheckpoint {
    /** Tokens are about four characters of English text: the cost estimate for output a stop cut short. */
    private static final int CHARACTERS_PER_TOKEN = 4;

    private final ProxyCall call;
    private final List<AppliedGuardrail> guardrails;
    private final GuardrailRunner runner;
    private final GuardrailVerdicts verdicts;
    private final GatewayDirectory directory;
    private final long[][] latencyNanos;
    private boolean concluded;
    /** The outcomes of the latest recheck that passed; null before the first. */
    private List<GuardrailOutcome> lastOutcomes;

    OutputCheckpoint(ProxyCall call, List<AppliedGuardrail> guardrails, GuardrailRunner runner,
                     GuardrailVerdicts verdicts, GatewayDirectory directory) {
        this.call = call;
        this.guardrails = guardrails;
        this.runner = runner;
        this.verdicts = verdicts;
        this.directory = directory;
        this.latencyNanos = new long[guardrails.size()][];
        for (int g = 0; g < guardrails.size(); g++) {
            latencyNanos[g] = new long[guardrails.get(g).checks().size()];
        }
    }

    boolean concluded() {
        return concluded;
    }

    /** Runs the non-blocking checks on the text so far; calls {@code next} unless they deny (the call is then stopped). */
    void recheck(ResponseText text, Runnable next) {
        runner.evaluate(call, guardrails, OutputGuardrails.input(call, text.spans()), text.characters(), false,
                outcomes -> {
                    if (concluded) {
                        return; // the response ended (abandoned) while the checks ran on a worker
                    }
                    add(outcomes);
                    if (outcomes.stream().anyMatch(GuardrailOutcome::denies)) {
                        stop(text, outcomes);
                    } else {
                        lastOutcomes = outcomes;
                        next.run();
                    }
                });
    }

    /**
     * Runs every check on the whole text and publishes the verdicts. Unless they deny, marks warnings (header and
     * status, while nothing was sent) and hands {@code allowed} the spans to redact (empty when none).
     */
    void conclude(ResponseText text, Consumer<List<SpanMatch>> allowed) {
        runner.evaluate(call, guardrails, OutputGuardrails.input(call, text.spans()), text.characters(), true,
                outcomes -> {
                    if (concluded) {
                        return; // the response ended (abandoned) while the checks ran on a worker
                    }
                    add(outcomes);
                    if (outcomes.stream().anyMatch(GuardrailOutcome::denies)) {
                        stop(text, outcomes);
                        return;
                    }
                    concluded = true;
                    verdicts.publish(call, outcomes, GuardrailEvaluated.OUTPUT, latencyNanos);
                    List<String> warnings = outcomes.stream().filter(GuardrailOutcome::warns)
                            .map(outcome -> outcome.guardrail().id()).toList();
                    if (!warnings.isEmpty() && !call.anythingSent()) {
                        InputGuardrails.markWarned(call, directory, warnings);
                    }
                    List<SpanMatch> redactions = new ArrayList<>();
                    outcomes.stream().filter(GuardrailOutcome::redacts).forEach(outcome ->
                            outcome.results().forEach(result -> redactions.addAll(result.matches())));
                    allowed.accept(redactions);
                });
    }

    /**
     * The response ended before the checks concluded: publishes the verdicts as far as they got — the latest
     * recheck's, or (for a held response, never rechecked) a run of the non-blocking checks on the text so far when
     * it is small enough to check here. Nothing is refused any more, so every action taken is {@code none}.
     */
    void abandon(ResponseText text) {
        if (concluded) {
            return;
        }
        concluded = true;
        List<GuardrailOutcome> outcomes = lastOutcomes;
        if (outcomes == null && text.characters() > 0 && text.characters() <= GuardrailRunner.INLINE_CHARACTERS) {
            outcomes = GuardrailRunner.evaluateNow(guardrails, OutputGuardrails.input(call, text.spans()), false);
            add(outcomes);
        }
        if (outcomes != null) {
            verdicts.publishUnenforced(call, outcomes, GuardrailEvaluated.OUTPUT, latencyNanos);
        }
    }

    /** Ends the call refusing the output (e.g. a redaction that cannot be applied), the verdicts already published. */
    void refuse(ResponseText text, ProxyError error) {
        concluded = true;
        call.recordCutOutput((text.characters() + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN);
        if (call.anythingSent()) {
            call.fail(error);
        } else {
            call.failBeforeFirstByte(error);
        }
    }

    private void stop(ResponseText text, List<GuardrailOutcome> outcomes) {
        verdicts.publish(call, outcomes, GuardrailEvaluated.OUTPUT, latencyNanos);
        refuse(text, GuardrailVerdicts.denial("response stopped by output", outcomes));
    }

    private void add(List<GuardrailOutcome> outcomes) {
        for (int g = 0; g < outcomes.size(); g++) {
            List<CheckResult> results = outcomes.get(g).results();
            for (int i = 0; i < results.size(); i++) {
                latencyNanos[g][i] += results.get(i).latencyNanos();
            }
        }
    }
}
