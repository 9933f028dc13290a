package io.turnpike.aggregates.userblocks;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Refuse every request of one user of one tenant. */
public record BlockUserCommand(String tenant, String user, String reason, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.userBlock(tenant, user);
    }
}
