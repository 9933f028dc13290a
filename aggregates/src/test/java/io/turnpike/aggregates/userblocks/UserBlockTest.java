package io.turnpike.aggregates.userblocks;

import io.turnpike.aggregates.ConflictException;
import io.turnpike.aggregates.ValidationException;
import io.turnpike.events.admin.UserBlocked;
import io.turnpike.events.admin.UserUnblocked;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.startsWith;

class UserBlockTest {
    private AggregateTestFixture<UserBlock> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserBlock.class);
    }

    private UserBlocked blocked() {
        return new UserBlocked("acme", "a@acme.com", "left the company", "alice", fixture.currentTime());
    }

    @Test
    void blocksAUserLowercased() {
        fixture.givenNoPriorActivity()
                .when(new BlockUserCommand("acme", " A@Acme.com ", "left the company", "alice"))
                .expectEvents(blocked());
    }

    @Test
    void rejectsBlockingABlockedUser() {
        fixture.given(blocked())
                .when(new BlockUserCommand("acme", "a@acme.com", null, "alice"))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void blocksAgainAfterAnUnblock() {
        fixture.given(blocked(), new UserUnblocked("acme", "a@acme.com", "bob", fixture.currentTime()))
                .when(new BlockUserCommand("acme", "a@acme.com", null, "carol"))
                .expectEvents(new UserBlocked("acme", "a@acme.com", null, "carol", fixture.currentTime()));
    }

    @Test
    void unblocksABlockedUser() {
        fixture.given(blocked())
                .when(new UnblockUserCommand("acme", "A@acme.com", "bob"))
                .expectEvents(new UserUnblocked("acme", "a@acme.com", "bob", fixture.currentTime()));
    }

    @Test
    void rejectsUnblockingAFreeUser() {
        fixture.given(blocked(), new UserUnblocked("acme", "a@acme.com", "bob", fixture.currentTime()))
                .when(new UnblockUserCommand("acme", "a@acme.com", "bob"))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void unblockingANeverBlockedUserIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new UnblockUserCommand("acme", "a@acme.com", "bob"))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void rejectsATenantThatIsNotAnId() {
        fixture.givenNoPriorActivity()
                .when(new BlockUserCommand("Acme Inc", "a@acme.com", null, "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("tenant:"));
    }
}
