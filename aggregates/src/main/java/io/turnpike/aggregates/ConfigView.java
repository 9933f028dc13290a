package io.turnpike.aggregates;

import java.time.Instant;

/** The latest version of a routing config; {@code document} is the JSON exactly as submitted. */
public record ConfigView(String id, int version, String document, Instant updatedAt) {
}
