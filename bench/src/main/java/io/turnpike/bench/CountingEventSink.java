package io.turnpike.bench;

import io.turnpike.events.guardrails.GuardrailEvaluated;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.proxy.RequestEventSink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts guardrail verdicts per key (one key per scenario) instead of sending events to Kafka: the bench measures
 * the data path, and the counts prove each scenario's guardrails really ran. Other events are dropped. Never blocks.
 */
final class CountingEventSink implements RequestEventSink {

    /** Running totals for one key. */
    static final class KeyCounts {
        final LongAdder guardrailVerdicts = new LongAdder();
        final LongAdder guardrailsFlagged = new LongAdder();
        /** The checks' own timings ({@code latency_micros}), summed: how much of the overhead is the checks. */
        final LongAdder guardrailCheckMicros = new LongAdder();
    }

    private final Map<String, KeyCounts> byKey = new ConcurrentHashMap<>();

    @Override
    public void publish(RequestCompleted event) {
        // Dropped: its publication is part of the measured path; what it says is not needed here.
    }

    @Override
    public void publish(GuardrailEvaluated event) {
        KeyCounts counts = counts(event.keyId());
        counts.guardrailVerdicts.increment();
        counts.guardrailCheckMicros.add(event.latencyMicros());
        if (!"PASS".equals(event.verdict())) {
            counts.guardrailsFlagged.increment();
        }
    }

    KeyCounts counts(String keyId) {
        return byKey.computeIfAbsent(keyId == null ? "" : keyId, id -> new KeyCounts());
    }
}
