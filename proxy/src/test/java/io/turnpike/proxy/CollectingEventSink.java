package io.turnpike.proxy;

import io.turnpike.events.request.RequestCompleted;
import io.turnpike.events.guardrails.GuardrailEvaluated;
import io.turnpike.events.policy.PolicyDecision;
import io.turnpike.events.request.TargetHealthChanged;
import io.turnpike.events.request.UpstreamAttempted;
import io.turnpike.events.telemetry.TelemetryReceived;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/**
 * Keeps every published event (requests, telemetry, upstream attempts); events arrive just after the response
 * completes, so lookups wait briefly.
 */
public final class CollectingEventSink implements RequestEventSink {
    private final List<RequestCompleted> events = new CopyOnWriteArrayList<>();
    private final List<TelemetryReceived> telemetry = new CopyOnWriteArrayList<>();
    private final List<UpstreamAttempted> attempts = new CopyOnWriteArrayList<>();
    private final List<TargetHealthChanged> health = new CopyOnWriteArrayList<>();
    private final List<PolicyDecision> decisions = new CopyOnWriteArrayList<>();
    private final List<GuardrailEvaluated> guardrails = new CopyOnWriteArrayList<>();

    @Override
    public void publish(RequestCompleted event) {
        events.add(event);
    }

    @Override
    public void publish(TelemetryReceived event) {
        telemetry.add(event);
    }

    @Override
    public void publish(UpstreamAttempted event) {
        attempts.add(event);
    }

    @Override
    public void publish(TargetHealthChanged event) {
        health.add(event);
    }

    /** Circuit-breaker transitions so far, in the order they were published. */
    @Override
    public void publish(PolicyDecision event) {
        decisions.add(event);
    }

    @Override
    public void publish(GuardrailEvaluated event) {
        guardrails.add(event);
    }

    /** Every guardrail verdict so far, in publish order. */
    List<GuardrailEvaluated> guardrails() {
        return List.copyOf(guardrails);
    }

    /** Every policy decision so far, in publish order. */
    public List<PolicyDecision> decisions() {
        return List.copyOf(decisions);
    }

    public List<TargetHealthChanged> health() {
        return List.copyOf(health);
    }

    /** The request's attempts in order, once {@code count} of them have arrived (no more are expected). */
    public List<UpstreamAttempted> awaitAttempts(String requestId, int count) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> attempts(requestId), found -> found.size() >= count);
    }

    public List<UpstreamAttempted> attempts(String requestId) {
        return attempts.stream().filter(e -> e.requestId().equals(requestId))
                .sorted(Comparator.comparingInt(UpstreamAttempted::attemptIndex)).toList();
    }

    public RequestCompleted awaitEvent(String requestId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> find(requestId), found -> found != null);
    }

    RequestCompleted find(String requestId) {
        return events.stream().filter(e -> e.requestId().equals(requestId)).findFirst().orElse(null);
    }

    List<RequestCompleted> events() {
        return List.copyOf(events);
    }

    public TelemetryReceived awaitTelemetry(String requestId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> findTelemetry(requestId), found -> found != null);
    }

    public TelemetryReceived findTelemetry(String requestId) {
        return telemetry.stream().filter(e -> e.requestId().equals(requestId)).findFirst().orElse(null);
    }

    List<TelemetryReceived> telemetry() {
        return List.copyOf(telemetry);
    }
}
