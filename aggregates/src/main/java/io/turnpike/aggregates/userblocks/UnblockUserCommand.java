package io.turnpike.aggregates.userblocks;

import io.turnpike.aggregates.rules.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Let a blocked user send requests again. */
public record UnblockUserCommand(String tenant, String user, String actor) {
    @TargetAggregateIdentifier
    String aggregateId() {
        return StreamIds.userBlock(tenant, user);
    }
}
