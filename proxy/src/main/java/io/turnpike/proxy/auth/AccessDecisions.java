package io.turnpike.proxy.auth;

import io.turnpike.events.policy.PolicyDecision;
import io.turnpike.proxy.KeyGrant;
import io.turnpike.proxy.RequestEventSink;
import io.turnpike.proxy.exchange.ProxyCall;

import java.time.Clock;
import java.util.Map;

/**
 * Publishes the access decisions taken while admitting a request — key refused, metadata override attempted or
 * refused, user blocked — as {@link PolicyDecision}s attributed to the call's key and effective metadata.
 */
public final class AccessDecisions {
    private final RequestEventSink sink;
    private final Clock clock;

    AccessDecisions(RequestEventSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** Drops every decision: for endpoints that publish no events. */
    public static AccessDecisions discarding(Clock clock) {
        return new AccessDecisions(new RequestEventSink() {
            @Override
            public void publish(io.turnpike.events.request.RequestCompleted event) {
            }
        }, clock);
    }

    void publish(ProxyCall call, KeyGrant key, Map<String, String> metadata, String policyType, String policyId,
                 String decision, String reason, Map<String, String> details) {
        sink.publish(new PolicyDecision(PolicyDecision.SCHEMA_VERSION, clock.instant(), call.requestId(),
                call.traceId(), key.keyId(), metadata.get("tenant"), metadata.get("team"), metadata.get("user"),
                metadata.get("env"), policyType, policyId, decision, reason, details));
    }
}
