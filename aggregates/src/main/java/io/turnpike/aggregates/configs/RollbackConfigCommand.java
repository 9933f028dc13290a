package io.turnpike.aggregates.configs;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Make an earlier version's document the config's newest version. */
public record RollbackConfigCommand(String configId, int toVersion, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.config(configId);
    }
}
