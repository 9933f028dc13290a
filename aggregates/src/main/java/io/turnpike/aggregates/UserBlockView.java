package io.turnpike.aggregates;

import java.time.Instant;

/** A blocked user of a tenant ({@code user} lowercased), who blocked them, why and when. */
public record UserBlockView(String tenant, String user, String reason, String actor, Instant blockedAt) {
}
