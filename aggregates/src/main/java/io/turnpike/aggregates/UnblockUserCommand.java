package io.turnpike.aggregates;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Let a blocked user send requests again. */
record UnblockUserCommand(String tenant, String user, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.userBlock(tenant, user);
    }
}
