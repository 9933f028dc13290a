package io.turnpike.aggregates.guardrails;

import io.turnpike.aggregates.ValidationException;
import io.turnpike.aggregates.rules.FakeReferences;
import io.turnpike.events.guardrails.TenantGuardrailsSet;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.startsWith;

class TenantGuardrailsTest {
    private AggregateTestFixture<TenantGuardrails> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TenantGuardrails.class);
        fixture.registerInjectableResource(new FakeReferences().withGuardrail("no-pii").withGuardrail("short"));
    }

    @Test
    void setsTheTenantsMandatoryGuardrailsInOrder() {
        fixture.givenNoPriorActivity()
                .when(new SetTenantGuardrailsCommand("acme", List.of("short", "no-pii"), "alice"))
                .expectEvents(new TenantGuardrailsSet("acme", List.of("short", "no-pii"), "alice", fixture.currentTime()));
    }

    @Test
    void anEmptyListClearsThem() {
        fixture.given(new TenantGuardrailsSet("acme", List.of("no-pii"), "alice", fixture.currentTime()))
                .when(new SetTenantGuardrailsCommand("acme", List.of(), "bob"))
                .expectEvents(new TenantGuardrailsSet("acme", List.of(), "bob", fixture.currentTime()));
    }

    @Test
    void rejectsAnUnknownGuardrailNamingItsPosition() {
        fixture.givenNoPriorActivity()
                .when(new SetTenantGuardrailsCommand("acme", List.of("no-pii", "missing"), "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("guardrails[1]: no guardrail \"missing\""));
    }

    @Test
    void rejectsADuplicate() {
        fixture.givenNoPriorActivity()
                .when(new SetTenantGuardrailsCommand("acme", List.of("no-pii", "no-pii"), "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("guardrails[1]:"));
    }

    @Test
    void rejectsATenantThatIsNotAnId() {
        fixture.givenNoPriorActivity()
                .when(new SetTenantGuardrailsCommand("Acme Corp", List.of("no-pii"), "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("tenant:"));
    }

    @Test
    void recordsTheOptInToStatus246ForWarnings() {
        fixture.givenNoPriorActivity()
                .when(new SetTenantGuardrailsCommand("acme", List.of("no-pii"), 246, "alice"))
                .expectEvents(new TenantGuardrailsSet("acme", List.of("no-pii"), "alice", fixture.currentTime(), 246));
    }

    @Test
    void anOmittedWarnStatusIsTheDefaultBecauseTheSettingsAreReplacedWhole() {
        fixture.given(new TenantGuardrailsSet("acme", List.of("no-pii"), "alice", fixture.currentTime(), 246))
                .when(new SetTenantGuardrailsCommand("acme", List.of("no-pii"), null, "bob"))
                .expectEvents(new TenantGuardrailsSet("acme", List.of("no-pii"), "bob", fixture.currentTime(), 200));
    }

    @Test
    void rejectsAnyOtherWarnStatus() {
        fixture.givenNoPriorActivity()
                .when(new SetTenantGuardrailsCommand("acme", List.of(), 299, "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("warn_status: must be 200"))
                .expectNoEvents();
    }
}
