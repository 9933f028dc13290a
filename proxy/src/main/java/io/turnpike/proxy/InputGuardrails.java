package io.turnpike.proxy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.events.config.GuardrailRef;
import io.turnpike.events.config.Target;
import io.turnpike.events.guardrails.GuardrailDocument;
import io.turnpike.events.guardrails.GuardrailDocument.Action;
import io.turnpike.events.guardrails.GuardrailDocument.OnError;
import io.turnpike.events.guardrails.GuardrailEvaluated;
import io.turnpike.proxy.guardrails.CheckResult;
import io.turnpike.proxy.guardrails.GuardrailCheck;
import io.turnpike.proxy.guardrails.GuardrailChecks;
import io.turnpike.proxy.guardrails.GuardrailInput;
import io.turnpike.proxy.guardrails.Redaction;
import io.turnpike.proxy.guardrails.Redactor;
import io.turnpike.proxy.guardrails.SpanMatch;
import io.turnpike.proxy.guardrails.Verdict;
import io.undertow.util.HttpString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Input guardrails on a Messages request, after routing and before budgets: the tenant's baseline plus the first
 * target's {@code input_guardrails}, evaluated over all the text the model will see. Deny → 446 with
 * {@code guardrail_results}; warn → served with {@code x-turnpike-guardrail-verdict}; redact → the matched spans
 * are replaced in the body the upstream receives. A check that errors denies when its guardrail fails closed. One
 * {@link GuardrailEvaluated} per check; matched text never leaves this class.
 */
final class InputGuardrails {
    static final HttpString VERDICT_HEADER = new HttpString("x-turnpike-guardrail-verdict");
    /** Above this much text the checks run on the upstream executor rather than the IO thread. */
    static final long INLINE_CHARACTERS = 16 * 1024;
    private static final int MAX_CACHED = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(InputGuardrails.class);

    private record Applied(String id, long version, GuardrailDocument document, List<GuardrailCheck> checks) {
    }

    private record CacheKey(String scope, String id, long version) {
    }

    private record Outcome(Applied guardrail, List<CheckResult> results) {
        boolean failed() {
            return results.stream().anyMatch(r -> r.verdict() == Verdict.FAIL);
        }

        boolean errored() {
            return results.stream().anyMatch(r -> r.verdict() == Verdict.ERROR);
        }
    }

    private final GatewayDirectory directory;
    private final RequestEventSink sink;
    private final Clock clock;
    private final Executor executor;
    private final Map<CacheKey, List<GuardrailCheck>> compiled = new ConcurrentHashMap<>();

    InputGuardrails(GatewayDirectory directory, RequestEventSink sink, Clock clock, Executor executor) {
        this.directory = directory;
        this.sink = sink;
        this.clock = clock;
        this.executor = executor;
    }

    /**
     * Evaluates and then calls {@code next} with the request to send (redacted or not) on the call's IO thread,
     * or fails the call. Throws {@link ProxyError} for what is known synchronously.
     */
    void admit(ProxyCall call, MessagesRequest request, Target target, Consumer<MessagesRequest> next) {
        List<Applied> guardrails = resolve(call, target);
        if (guardrails.isEmpty()) {
            next.accept(request);
            return;
        }
        GuardrailRequestText text = GuardrailRequestText.of(request.body());
        GuardrailInput input = new GuardrailInput(text.spans(), request.model(), call.metadata, text.requestTypes());
        if (text.characters() <= INLINE_CHARACTERS) {
            next.accept(decide(call, request, text, input, evaluate(guardrails, input)));
            return;
        }
        CompletableFuture.supplyAsync(() -> evaluate(guardrails, input), executor)
                .whenComplete((outcomes, failure) -> call.exchange.getIoThread().execute(() -> {
                    try {
                        if (failure != null) {
                            LOG.error("guardrails of request {} failed", call.requestId, failure);
                            throw ProxyError.api("guardrails could not be evaluated");
                        }
                        next.accept(decide(call, request, text, input, outcomes));
                    } catch (ProxyError error) {
                        call.fail(error);
                    } catch (RuntimeException unexpected) {
                        LOG.error("request {} failed unexpectedly", call.requestId, unexpected);
                        call.fail(ProxyError.api("internal error in the gateway"));
                    }
                }));
    }

    private List<Applied> resolve(ProxyCall call, Target target) {
        Map<String, Applied> byId = new LinkedHashMap<>();
        String tenant = call.key != null && call.key.metadata().get("tenant") != null
                ? call.key.metadata().get("tenant") : call.metadata.get("tenant");
        if (tenant != null) {
            for (String id : directory.tenantGuardrails(tenant)) {
                byId.computeIfAbsent(id, this::byId);
            }
        }
        for (GuardrailRef ref : target.inputGuardrails()) {
            if (ref.isInline()) {
                String scope = call.configId + "@" + call.configVersion;
                byId.computeIfAbsent(ref.id(), id -> applied(scope, id, 0, ref.inline()));
            } else {
                byId.computeIfAbsent(ref.id(), this::byId);
            }
        }
        return byId.values().stream().filter(g -> g.document().appliesTo().input()).toList();
    }

    private Applied byId(String id) {
        GuardrailDefinition definition = directory.guardrail(id).orElseThrow(() -> ProxyError.api(
                "guardrail '" + id + "' is not defined (or was retired); the request is refused rather than unchecked"));
        return applied("", id, definition.version(), definition.document());
    }

    private Applied applied(String scope, String id, long version, GuardrailDocument document) {
        CacheKey key = new CacheKey(scope, id, version);
        List<GuardrailCheck> checks = compiled.get(key);
        if (checks == null) {
            checks = compile(id, document);
            if (compiled.size() >= MAX_CACHED) {
                compiled.clear(); // old versions pile up otherwise; recompiling is cheap
            }
            compiled.put(key, checks);
        }
        return new Applied(id, version, document, checks);
    }

    private static List<GuardrailCheck> compile(String id, GuardrailDocument document) {
        List<GuardrailCheck> checks = new ArrayList<>();
        for (io.turnpike.events.guardrails.GuardrailCheck definition : document.checks()) {
            try {
                GuardrailCheck check = GuardrailChecks.fromJson(definition.type(), definition.params());
                checks.add(definition.not() ? check.negated() : check);
            } catch (IllegalArgumentException e) { // GuardrailDefinitionException included
                throw ProxyError.api("guardrail '" + id + "' cannot be evaluated: check " + definition.type()
                        + " is not supported by this gateway");
            }
        }
        return List.copyOf(checks);
    }

    private static List<Outcome> evaluate(List<Applied> guardrails, GuardrailInput input) {
        List<Outcome> outcomes = new ArrayList<>(guardrails.size());
        for (Applied guardrail : guardrails) {
            List<CheckResult> results = new ArrayList<>(guardrail.checks().size());
            for (GuardrailCheck check : guardrail.checks()) {
                results.add(check.evaluateSafely(input));
            }
            outcomes.add(new Outcome(guardrail, results));
        }
        return outcomes;
    }

    private MessagesRequest decide(ProxyCall call, MessagesRequest request, GuardrailRequestText text,
                                   GuardrailInput input, List<Outcome> outcomes) {
        List<Outcome> denials = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<SpanMatch> redactions = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            Action action = outcome.guardrail().document().action();
            boolean failClosed = outcome.guardrail().document().onError() == OnError.FAIL_CLOSED;
            if (outcome.errored() && failClosed || outcome.failed() && action == Action.DENY) {
                denials.add(outcome);
            } else if (outcome.failed() && action == Action.WARN) {
                warnings.add(outcome.guardrail().id());
            } else if (outcome.failed() && action == Action.REDACT) {
                outcome.results().forEach(result -> redactions.addAll(result.matches()));
            }
        }
        boolean denied = !denials.isEmpty();
        for (Outcome outcome : outcomes) {
            publish(call, outcome, actionTaken(outcome, denied, denials));
        }
        if (denied) {
            throw ProxyError.guardrailDenied("request refused by input guardrail '" + denials.get(0).guardrail().id()
                    + "'" + (denials.size() > 1 ? " (and " + (denials.size() - 1) + " more)" : ""), results(denials));
        }
        if (!warnings.isEmpty()) {
            call.exchange.getResponseHeaders().put(VERDICT_HEADER, "warn;" + String.join(",", warnings));
        }
        if (redactions.isEmpty()) {
            return request;
        }
        Redaction redaction = Redactor.redact(input.spans(), redactions);
        return MessagesRequest.parse(text.rewrite(redaction.spans()));
    }

    private static String actionTaken(Outcome outcome, boolean denied, List<Outcome> denials) {
        if (denials.contains(outcome)) {
            return "deny";
        }
        if (denied || !outcome.failed()) {
            return "none";
        }
        return outcome.guardrail().document().action().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** One entry per failing or erroring check: ids, verdicts and categories — never the matched text. */
    private static ArrayNode results(List<Outcome> denials) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Outcome outcome : denials) {
            for (int i = 0; i < outcome.results().size(); i++) {
                CheckResult result = outcome.results().get(i);
                if (result.verdict() == Verdict.PASS) {
                    continue;
                }
                ObjectNode entry = array.addObject();
                entry.put("guardrail", outcome.guardrail().id());
                entry.put("verdict", result.verdict().name());
                entry.put("category", result.category());
                entry.put("check", outcome.guardrail().checks().get(i).type());
            }
        }
        return array;
    }

    private void publish(ProxyCall call, Outcome outcome, String actionTaken) {
        for (int i = 0; i < outcome.results().size(); i++) {
            CheckResult result = outcome.results().get(i);
            try {
                sink.publish(new GuardrailEvaluated(GuardrailEvaluated.SCHEMA_VERSION, clock.instant(), call.requestId,
                        call.traceId, call.key == null ? null : call.key.keyId(), call.metadata.get("tenant"),
                        call.metadata.get("team"), call.metadata.get("user"), call.metadata.get("env"),
                        outcome.guardrail().id(), outcome.guardrail().version(),
                        outcome.guardrail().checks().get(i).type(), result.verdict().name(),
                        result.verdict() == Verdict.PASS ? "none" : actionTaken, result.category(),
                        result.matches().size(), result.latencyNanos() / 1_000, GuardrailEvaluated.INPUT, i));
            } catch (RuntimeException e) {
                LOG.error("could not publish a guardrail verdict for request {}", call.requestId, e);
            }
        }
    }
}
