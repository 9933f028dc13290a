package io.turnpike.aggregates;

import java.time.Instant;
import java.util.Map;

/** A registered upstream provider account as listed to admins: never carries the secret, only whether one is set. */
public record ProviderView(String id, String type, Map<String, String> settings, boolean hasSecret, Instant createdAt) {
}
