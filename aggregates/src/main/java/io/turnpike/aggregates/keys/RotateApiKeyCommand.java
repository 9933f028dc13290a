package io.turnpike.aggregates.keys;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;

/** Give a key new material; the current material keeps working for {@code gracePeriod}. */
public record RotateApiKeyCommand(String keyId, String newHash, String newPrefix, Duration gracePeriod, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.key(keyId);
    }
}
