package io.turnpike.proxy.guarding;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.events.guardrails.GuardrailEvaluated;
import io.turnpike.proxy.RequestEventSink;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.guardrails.CheckResult;
import io.turnpike.proxy.guardrails.Verdict;
import io.turnpike.proxy.wire.ProxyError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * What becomes of guardrail outcomes outside the proxy: one {@link GuardrailEvaluated} per check, the
 * {@code guardrail_results} of a refusal, and the refusal itself. Ids, verdicts and categories only — matched text
 * never leaves the checks.
 */
final class GuardrailVerdicts {
    private static final Logger LOG = LoggerFactory.getLogger(GuardrailVerdicts.class);

    private final RequestEventSink sink;
    private final Clock clock;

    GuardrailVerdicts(RequestEventSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /**
     * Publishes every check's verdict and the action taken on the content as a whole.
     *
     * @param latencyNanos per outcome and check, the time spent over all evaluations (a stream is checked several
     *                     times); null to take each result's own latency
     */
    void publish(ProxyCall call, List<GuardrailOutcome> outcomes, String appliesTo, long[][] latencyNanos) {
        publish(call, outcomes, appliesTo, latencyNanos, false);
    }

    private void publish(ProxyCall call, List<GuardrailOutcome> outcomes, String appliesTo, long[][] latencyNanos,
                         boolean unenforced) {
        boolean denied = outcomes.stream().anyMatch(GuardrailOutcome::denies);
        for (int g = 0; g < outcomes.size(); g++) {
            GuardrailOutcome outcome = outcomes.get(g);
            String action = unenforced ? "none" : actionTaken(outcome, denied);
            for (int i = 0; i < outcome.results().size(); i++) {
                CheckResult result = outcome.results().get(i);
                if (GuardrailRunner.DEFERRED.equals(result.category())) {
                    continue; // a blocking check a stream was stopped before reaching
                }
                long latency = latencyNanos == null ? result.latencyNanos() : latencyNanos[g][i];
                try {
                    sink.publish(new GuardrailEvaluated(GuardrailEvaluated.SCHEMA_VERSION, clock.instant(),
                            call.requestId(), call.traceId(), call.key() == null ? null : call.key().keyId(),
                            call.metadata().get("tenant"), call.metadata().get("team"), call.metadata().get("user"),
                            call.metadata().get("env"), outcome.guardrail().id(), outcome.guardrail().version(),
                            outcome.guardrail().checks().get(i).type(), result.verdict().name(),
                            result.verdict() == Verdict.PASS ? "none" : action, category(result),
                            result.matches().size(), latency / 1_000, appliesTo, i));
                } catch (RuntimeException e) {
                    LOG.error("could not publish a guardrail verdict for request {}", call.requestId(), e);
                }
            }
        }
    }

    /**
     * What was found, as precisely as is safe: the matches' own categories ({@code email,phone}) when the check
     * reports spans, else the check's category ({@code regex_match}, {@code json_schema}).
     */
    static String category(CheckResult result) {
        if (result.matches().isEmpty()) {
            return result.category();
        }
        return result.matches().stream().map(match -> match.category()).distinct().sorted()
                .collect(java.util.stream.Collectors.joining(","));
    }

    /** As {@link #publish}, for outcomes nothing was done about (the response ended first): action {@code none}. */
    void publishUnenforced(ProxyCall call, List<GuardrailOutcome> outcomes, String appliesTo, long[][] latencyNanos) {
        publish(call, outcomes, appliesTo, latencyNanos, true);
    }

    private static String actionTaken(GuardrailOutcome outcome, boolean denied) {
        if (outcome.denies()) {
            return "deny";
        }
        if (denied || !outcome.failed()) {
            return "none";
        }
        return outcome.guardrail().document().action().name().toLowerCase(Locale.ROOT);
    }

    /**
     * 446 naming the first denying guardrail, with {@code guardrail_results}.
     *
     * @param what how the message starts, e.g. {@code request refused by input}
     */
    static ProxyError denial(String what, List<GuardrailOutcome> outcomes) {
        List<GuardrailOutcome> denials = outcomes.stream().filter(GuardrailOutcome::denies).toList();
        return ProxyError.guardrailDenied(what + " guardrail '"
                + denials.get(0).guardrail().id() + "'"
                + (denials.size() > 1 ? " (and " + (denials.size() - 1) + " more)" : ""), results(denials));
    }

    /** One entry per failing or erroring check: ids, verdicts and categories — never the matched text. */
    static ArrayNode results(List<GuardrailOutcome> denials) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (GuardrailOutcome outcome : denials) {
            for (int i = 0; i < outcome.results().size(); i++) {
                CheckResult result = outcome.results().get(i);
                if (result.verdict() == Verdict.PASS) {
                    continue;
                }
                ObjectNode entry = array.addObject();
                entry.put("guardrail", outcome.guardrail().id());
                entry.put("verdict", result.verdict().name());
                entry.put("category", category(result));
                entry.put("check", outcome.guardrail().checks().get(i).type());
            }
        }
        return array;
    }
}
