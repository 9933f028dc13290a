package io.turnpike.aggregates;

import java.time.Instant;

/**
 * One version of a routing config as recorded in its history.
 *
 * @param restoredVersion the version this one copied when it was made by a rollback; null for a create or update
 */
public record ConfigVersionView(String configId, int version, String document, String actor, Instant createdAt,
                                Integer restoredVersion) {
}
