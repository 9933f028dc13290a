package io.turnpike.events;

/** Kafka topic names. The suffix is the major schema version: a breaking change gets a new topic. */
public final class Topics {
    /** One {@link io.turnpike.events.request.RequestCompleted} per proxied request, keyed by request id. */
    public static final String REQUESTS = "turnpike.requests.v1";
    /** One {@link io.turnpike.events.telemetry.TelemetryReceived} per OTLP export a client sent, keyed by request id. */
    public static final String TELEMETRY = "turnpike.telemetry.v1";
    /**
     * One {@link io.turnpike.events.request.UpstreamAttempted} per upstream attempt (retries included), keyed by the
     * request id it belongs to.
     */
    public static final String ATTEMPTS = "turnpike.attempts.v1";
    /**
     * One {@link io.turnpike.events.request.TargetHealthChanged} per circuit-breaker transition of a provider target,
     * keyed by the target key so that a target's transitions stay in order.
     */
    public static final String HEALTH = "turnpike.health.v1";

    /** One {@link io.turnpike.events.policy.PolicyDecision} per governance decision, keyed by request id. */
    public static final String POLICY = "turnpike.policy.v1";
    /** {@code GuardrailEvaluated}: one per guardrail check per request, keyed by request id. */
    public static final String GUARDRAILS = "turnpike.guardrails.v1";

    private Topics() {
    }
}
