package io.turnpike.aggregates;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Refuse every request of one user of one tenant. */
record BlockUserCommand(String tenant, String user, String reason, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.userBlock(tenant, user);
    }
}
