package io.turnpike.events.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * A routing config got a new version whose document is a copy of an earlier one: a rollback. It is a version like any
 * other ({@code version} = previous + 1; keys route by it from now on); {@code restored_version} names the version
 * whose {@code document} was copied, so history shows a rollback as such rather than as an anonymous edit.
 */
public record ConfigRolledBack(
        @JsonProperty("config_id") String configId,
        @JsonProperty("version") int version,
        @JsonProperty("restored_version") int restoredVersion,
        @JsonProperty("document") String document,
        @JsonProperty("actor") String actor,
        @JsonProperty("occurred_at") Instant occurredAt) {
}
