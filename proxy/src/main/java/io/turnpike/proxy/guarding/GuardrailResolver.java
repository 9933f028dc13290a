package io.turnpike.proxy.guarding;

import io.turnpike.events.config.GuardrailRef;
import io.turnpike.events.config.Target;
import io.turnpike.events.guardrails.GuardrailDocument;
import io.turnpike.proxy.GatewayDirectory;
import io.turnpike.proxy.GuardrailDefinition;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.guardrails.GuardrailCheck;
import io.turnpike.proxy.guardrails.GuardrailChecks;
import io.turnpike.proxy.guardrails.GuardrailDefinitionException;
import io.turnpike.proxy.wire.ProxyError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which guardrails a call runs, in order: the tenant's baseline, the key's own, then those the target attaches
 * ({@code input_guardrails} or {@code output_guardrails}) — each id once, filtered by {@code applies_to}. Baselines
 * come first and cannot be removed by a config. Compiled checks are cached per guardrail id and version.
 */
final class GuardrailResolver {
    private static final int MAX_CACHED = 1024;

    private record CacheKey(String scope, String id, long version) {
    }

    private final GatewayDirectory directory;
    private final Map<CacheKey, List<GuardrailCheck>> compiled = new ConcurrentHashMap<>();

    GuardrailResolver(GatewayDirectory directory) {
        this.directory = directory;
    }

    /** @throws ProxyError 500 when a referenced guardrail is unknown, retired or cannot be compiled (fail closed) */
    List<AppliedGuardrail> forInput(ProxyCall call, Target target) {
        return resolve(call, target.inputGuardrails()).stream()
                .filter(g -> g.document().appliesTo().input()).toList();
    }

    /** @throws ProxyError as {@link #forInput} */
    List<AppliedGuardrail> forOutput(ProxyCall call, Target target) {
        return resolve(call, target.outputGuardrails()).stream()
                .filter(g -> g.document().appliesTo().output()).toList();
    }

    static String tenantOf(ProxyCall call) {
        String bound = call.key() == null ? null : call.key().metadata().get("tenant");
        return bound != null ? bound : call.metadata().get("tenant");
    }

    private List<AppliedGuardrail> resolve(ProxyCall call, List<GuardrailRef> attached) {
        Map<String, AppliedGuardrail> byId = new LinkedHashMap<>();
        String tenant = tenantOf(call);
        if (tenant != null) {
            for (String id : directory.tenantGuardrails(tenant)) {
                byId.computeIfAbsent(id, this::byId);
            }
        }
        if (call.key() != null) {
            for (String id : call.key().guardrailIds()) {
                byId.computeIfAbsent(id, this::byId);
            }
        }
        for (GuardrailRef ref : attached) {
            if (ref.isInline()) {
                String scope = call.configId() + "@" + call.configVersion();
                byId.computeIfAbsent(ref.id(), id -> applied(scope, id, 0, ref.inline()));
            } else {
                byId.computeIfAbsent(ref.id(), this::byId);
            }
        }
        return List.copyOf(byId.values());
    }

    private AppliedGuardrail byId(String id) {
        GuardrailDefinition definition = directory.guardrail(id).orElseThrow(() -> ProxyError.api(
                "guardrail '" + id + "' is not defined (or was retired); the request is refused rather than unchecked"));
        return applied("", id, definition.version(), definition.document());
    }

    private AppliedGuardrail applied(String scope, String id, long version, GuardrailDocument document) {
        CacheKey key = new CacheKey(scope, id, version);
        List<GuardrailCheck> checks = compiled.get(key);
        if (checks == null) {
            checks = compile(id, document);
            if (compiled.size() >= MAX_CACHED) {
                compiled.clear(); // old versions pile up otherwise; recompiling is cheap
            }
            compiled.put(key, checks);
        }
        return new AppliedGuardrail(id, version, document, checks);
    }

    private static List<GuardrailCheck> compile(String id, GuardrailDocument document) {
        List<GuardrailCheck> checks = new ArrayList<>();
        for (io.turnpike.events.guardrails.GuardrailCheck definition : document.checks()) {
            try {
                GuardrailCheck check = GuardrailChecks.fromJson(definition.type(), definition.params());
                checks.add(definition.not() ? check.negated() : check);
            } catch (GuardrailDefinitionException e) { // names the parameter, never quotes content
                throw ProxyError.api("guardrail '" + id + "' cannot be evaluated: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw ProxyError.api("guardrail '" + id + "' cannot be evaluated: check " + definition.type()
                        + " is not supported by this gateway");
            }
        }
        return List.copyOf(checks);
    }
}
