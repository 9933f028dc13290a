package io.turnpike.aggregates.guardrails;

import io.turnpike.aggregates.ConflictException;
import io.turnpike.aggregates.NotFoundException;
import io.turnpike.aggregates.ValidationException;
import io.turnpike.events.guardrails.GuardrailDefined;
import io.turnpike.events.guardrails.GuardrailDocument;
import io.turnpike.events.guardrails.GuardrailRetired;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.startsWith;

class GuardrailTest {
    private static final String NO_EMAILS = "{\"id\":\"no-emails\",\"checks\":[{\"type\":\"pii\","
            + "\"params\":{\"categories\":[\"email\"]}}]}";
    private static final String NORMALISED = GuardrailDocument.parse(NO_EMAILS).toJson().toString();

    private AggregateTestFixture<Guardrail> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Guardrail.class);
    }

    private GuardrailDefined defined(int version, String document, String actor) {
        return new GuardrailDefined("no-emails", version, document, actor, fixture.currentTime());
    }

    @Test
    void definesVersionOneStoringTheNormalisedDocument() {
        fixture.givenNoPriorActivity()
                .when(new DefineGuardrailCommand("no-emails", NO_EMAILS, "alice"))
                .expectEvents(defined(1, NORMALISED, "alice"));
    }

    @Test
    void redefiningMakesTheNextVersion() {
        String warn = NO_EMAILS.replace("}]}", "}],\"action\":\"warn\"}");
        fixture.given(defined(1, NORMALISED, "alice"), defined(2, NORMALISED, "alice"))
                .when(new DefineGuardrailCommand("no-emails", warn, "bob"))
                .expectEvents(defined(3, GuardrailDocument.parse(warn).toJson().toString(), "bob"));
    }

    @Test
    void rejectsAnUnknownCheckTypeNamingTheField() {
        fixture.givenNoPriorActivity()
                .when(new DefineGuardrailCommand("no-emails", NO_EMAILS.replace("\"pii\"", "\"foo\""), "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("checks[0].type: unknown check type \"foo\""));
    }

    @Test
    void rejectsADocumentNamingAnotherGuardrail() {
        fixture.given(defined(1, NORMALISED, "alice"))
                .when(new DefineGuardrailCommand("no-emails", NO_EMAILS.replace("no-emails", "other"), "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("id:"));
    }

    @Test
    void rejectsAMissingActor() {
        fixture.givenNoPriorActivity()
                .when(new DefineGuardrailCommand("no-emails", NO_EMAILS, " "))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("actor:"));
    }

    @Test
    void retiresAtTheCurrentVersion() {
        fixture.given(defined(1, NORMALISED, "alice"), defined(2, NORMALISED, "alice"))
                .when(new RetireGuardrailCommand("no-emails", "carol"))
                .expectEvents(new GuardrailRetired("no-emails", 2, "carol", fixture.currentTime()));
    }

    @Test
    void retiringTwiceIsNotFound() {
        fixture.given(defined(1, NORMALISED, "alice"), new GuardrailRetired("no-emails", 1, "carol", fixture.currentTime()))
                .when(new RetireGuardrailCommand("no-emails", "carol"))
                .expectException(NotFoundException.class);
    }

    @Test
    void aRetiredIdIsNotReused() {
        fixture.given(defined(1, NORMALISED, "alice"), new GuardrailRetired("no-emails", 1, "carol", fixture.currentTime()))
                .when(new DefineGuardrailCommand("no-emails", NO_EMAILS, "alice"))
                .expectException(ConflictException.class);
    }
}
