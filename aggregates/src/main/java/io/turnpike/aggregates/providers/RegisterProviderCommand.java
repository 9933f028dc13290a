package io.turnpike.aggregates.providers;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/** Register an upstream provider account. {@code sealedSecret} is already encrypted; plaintext never enters Axon. */
public record RegisterProviderCommand(String providerId, String type, Map<String, String> settings, String sealedSecret,
                                      String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.provider(providerId);
    }
}
