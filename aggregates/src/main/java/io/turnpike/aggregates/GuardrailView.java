package io.turnpike.aggregates;

import io.turnpike.events.guardrails.GuardrailDocument;

import java.time.Instant;

/** A guardrail in force at its latest version: the parsed document, shared by every request that runs it. */
public record GuardrailView(String id, int version, GuardrailDocument document, String actor, Instant definedAt) {
}
