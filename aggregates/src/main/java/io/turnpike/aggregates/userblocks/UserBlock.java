package io.turnpike.aggregates.userblocks;

import io.turnpike.aggregates.ConflictException;
import io.turnpike.aggregates.ValidationException;
import io.turnpike.aggregates.rules.Rules;
import io.turnpike.aggregates.rules.StreamIds;
import io.turnpike.events.admin.UserBlocked;
import io.turnpike.events.admin.UserUnblocked;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Whether one user of one tenant is blocked. One stream per tenant and user (lowercased), so block and unblock
 * alternate and each is an event with its actor; blocking a blocked user or unblocking a free one is a conflict.
 */
public class UserBlock {
    static final int MAX_REASON = 512;

    @AggregateIdentifier
    private String aggregateId;
    private boolean blocked;

    UserBlock() {
        // Axon creates the empty aggregate, then replays or handles the creating command.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(BlockUserCommand command) {
        Rules.requireId("tenant", command.tenant());
        Rules.requireText("user", Rules.normalisedUser(command.user()), Rules.MAX_TEXT);
        if (command.reason() != null && command.reason().length() > MAX_REASON) {
            throw new ValidationException("reason", "must be at most " + MAX_REASON + " characters");
        }
        Rules.requireActor(command.actor());
        if (blocked) {
            throw new ConflictException("user '" + Rules.normalisedUser(command.user()) + "' of tenant '" + command.tenant()
                    + "' is already blocked");
        }
        apply(new UserBlocked(command.tenant(), Rules.normalisedUser(command.user()), command.reason(), command.actor(),
                GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    void handle(UnblockUserCommand command) {
        Rules.requireActor(command.actor());
        if (!blocked) {
            throw new ConflictException("user '" + Rules.normalisedUser(command.user()) + "' of tenant '" + command.tenant()
                    + "' is not blocked");
        }
        apply(new UserUnblocked(command.tenant(), Rules.normalisedUser(command.user()), command.actor(),
                GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(UserBlocked event) {
        aggregateId = StreamIds.userBlock(event.tenant(), event.user());
        blocked = true;
    }

    @EventSourcingHandler
    void on(UserUnblocked event) {
        blocked = false;
    }
}
