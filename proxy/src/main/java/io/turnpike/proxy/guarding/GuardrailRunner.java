package io.turnpike.proxy.guarding;

import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.guardrails.CheckResult;
import io.turnpike.proxy.guardrails.GuardrailCheck;
import io.turnpike.proxy.guardrails.GuardrailInput;
import io.turnpike.proxy.guardrails.Verdict;
import io.turnpike.proxy.wire.ProxyError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Evaluates guardrails where it is safe to: on the IO thread when the text is small and no check waits on the
 * network, otherwise on the worker executor, handing the outcomes back on the call's IO thread.
 */
final class GuardrailRunner {
    /** Above this much text the checks run on the worker executor rather than the IO thread. */
    static final long INLINE_CHARACTERS = 16 * 1024;
    /** The category of a blocking check's placeholder result in an intermediate evaluation; never published. */
    static final String DEFERRED = "deferred";
    private static final Logger LOG = LoggerFactory.getLogger(GuardrailRunner.class);

    private final Executor executor;

    GuardrailRunner(Executor executor) {
        this.executor = executor;
    }

    /** Every check, as {@link #evaluate(ProxyCall, List, GuardrailInput, long, boolean, Consumer)}. */
    void evaluate(ProxyCall call, List<AppliedGuardrail> guardrails, GuardrailInput input, long characters,
                  Consumer<List<GuardrailOutcome>> then) {
        evaluate(call, guardrails, input, characters, true, then);
    }

    /**
     * Runs the checks and calls {@code then} on the call's IO thread (inline when it could stay there). A
     * {@link ProxyError} thrown by {@code then} fails the call.
     *
     * @param includeBlocking whether to run blocking checks too (see {@link #evaluateNow})
     */
    void evaluate(ProxyCall call, List<AppliedGuardrail> guardrails, GuardrailInput input, long characters,
                  boolean includeBlocking, Consumer<List<GuardrailOutcome>> then) {
        boolean blocking = includeBlocking && guardrails.stream().anyMatch(AppliedGuardrail::hasBlockingCheck);
        if (!blocking && characters <= INLINE_CHARACTERS) {
            then.accept(evaluateNow(guardrails, input, includeBlocking));
            return;
        }
        CompletableFuture.supplyAsync(() -> evaluateNow(guardrails, input, includeBlocking), executor)
                .whenComplete((outcomes, failure) -> call.onIoThread(() -> {
                    try {
                        if (failure != null) {
                            LOG.error("guardrails of request {} failed", call.requestId(), failure);
                            throw ProxyError.api("guardrails could not be evaluated");
                        }
                        then.accept(outcomes);
                    } catch (ProxyError error) {
                        call.fail(error);
                    } catch (RuntimeException unexpected) {
                        LOG.error("request {} failed unexpectedly", call.requestId(), unexpected);
                        call.fail(ProxyError.api("internal error in the gateway"));
                    }
                }));
    }

    /**
     * Evaluates on this thread. Without {@code includeBlocking}, blocking checks are not run and count as passing
     * for now (a stream's intermediate checks; the final evaluation runs them).
     */
    static List<GuardrailOutcome> evaluateNow(List<AppliedGuardrail> guardrails, GuardrailInput input,
                                              boolean includeBlocking) {
        List<GuardrailOutcome> outcomes = new ArrayList<>(guardrails.size());
        for (AppliedGuardrail guardrail : guardrails) {
            List<CheckResult> results = new ArrayList<>(guardrail.checks().size());
            for (GuardrailCheck check : guardrail.checks()) {
                results.add(includeBlocking || !check.blocking() ? check.evaluateSafely(input)
                        : new CheckResult(Verdict.PASS, DEFERRED, List.of(), 0, "runs on the whole response"));
            }
            outcomes.add(new GuardrailOutcome(guardrail, results));
        }
        return outcomes;
    }
}
