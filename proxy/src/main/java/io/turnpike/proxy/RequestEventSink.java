package io.turnpike.proxy;

import io.turnpike.events.guardrails.GuardrailEvaluated;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.events.policy.PolicyDecision;
import io.turnpike.events.request.TargetHealthChanged;
import io.turnpike.events.request.UpstreamAttempted;
import io.turnpike.events.telemetry.TelemetryReceived;

/**
 * Where finished requests (and received client telemetry) go. Called on Undertow IO and worker threads: the
 * {@code publish} methods must never block.
 */
public interface RequestEventSink extends AutoCloseable {

    void publish(RequestCompleted event);

    /**
     * One OTLP export a client sent. The default drops it: a sink that only cares about requests (a test's lambda,
     * an adapter written before telemetry existed) need not change. {@link KafkaRequestEventPublisher} keeps it.
     */
    default void publish(TelemetryReceived event) {
    }

    /**
     * One upstream attempt of a request (first try, retry or fallback), published as soon as the attempt's outcome
     * is known. The default drops it, as for telemetry; {@link KafkaRequestEventPublisher} keeps it.
     */
    default void publish(UpstreamAttempted event) {
    }

    /**
     * A provider target's circuit breaker changed state ({@link io.turnpike.proxy.health.CircuitBreakers}). The
     * default drops it, as for telemetry; {@link KafkaRequestEventPublisher} keeps it.
     */
    default void publish(TargetHealthChanged event) {
    }

    /** A governance decision about a request; the default drops it, {@link KafkaRequestEventPublisher} keeps it. */
    default void publish(PolicyDecision event) {
    }

    /** One guardrail check's verdict on a request; the default drops it, {@link KafkaRequestEventPublisher} keeps it. */
    default void publish(GuardrailEvaluated event) {
    }

    @Override
    default void close() {
    }
}
