package io.turnpike.aggregates.configs;

import io.turnpike.aggregates.ConflictException;
import io.turnpike.aggregates.NotFoundException;
import io.turnpike.aggregates.ValidationException;
import io.turnpike.aggregates.rules.FakeReferences;
import io.turnpike.events.admin.ConfigCreated;
import io.turnpike.events.admin.ConfigRolledBack;
import io.turnpike.events.admin.ConfigUpdated;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.startsWith;

class RoutingConfigTest {
    private static final String SINGLE = "{\"targets\":[{\"provider\":\"@mock\"}]}";
    private static final String FALLBACK = "{\"strategy\":{\"mode\":\"fallback\"},"
            + "\"targets\":[{\"provider\":\"@anthropic\"},{\"provider\":\"@mock\"}]}";

    private AggregateTestFixture<RoutingConfig> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RoutingConfig.class);
        fixture.registerInjectableResource(new FakeReferences().withProvider("mock").withProvider("anthropic")
                .withGuardrail("no-pii"));
    }

    @Test
    void createsConfigAtVersionOneWithDocumentAsGiven() {
        String spaced = "{ \"targets\" : [ { \"provider\" : \"@mock\" } ] }";
        fixture.givenNoPriorActivity()
                .when(new CreateConfigCommand("default", spaced, "alice"))
                .expectEvents(new ConfigCreated("default", 1, spaced, "alice", fixture.currentTime()));
    }

    @Test
    void acceptsNestedTargetsWhoseProvidersAllExist() {
        String nested = "{\"targets\":[{\"targets\":[{\"provider\":\"@anthropic\"}]},{\"provider\":\"@mock\"}]}";
        fixture.givenNoPriorActivity()
                .when(new CreateConfigCommand("nested", nested, "alice"))
                .expectEvents(new ConfigCreated("nested", 1, nested, "alice", fixture.currentTime()));
    }

    @Test
    void rejectsCreatingAnExistingConfigAsConflict() {
        fixture.given(new ConfigCreated("default", 1, SINGLE, "alice", fixture.currentTime()))
                .when(new CreateConfigCommand("default", SINGLE, "bob"))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsInvalidConfigId() {
        fixture.givenNoPriorActivity()
                .when(new CreateConfigCommand("-default", SINGLE, "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("configs.id:"));
    }

    @Test
    void rejectsDocumentThatIsNotJson() {
        fixture.givenNoPriorActivity()
                .when(new CreateConfigCommand("default", "{\"targets\":[", "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("configs.document:"));
    }

    @Test
    void rejectsDocumentThatIsNotAnObject() {
        fixture.givenNoPriorActivity()
                .when(new CreateConfigCommand("default", "[{\"provider\":\"@mock\"}]", "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("configs.document:"));
    }

    @Test
    void rejectsDocumentWithEmptyTargets() {
        fixture.givenNoPriorActivity()
                .when(new CreateConfigCommand("default", "{\"targets\":[]}", "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("configs.document.targets:"));
    }

    @Test
    void rejectsProviderReferenceWithoutAtSign() {
        fixture.givenNoPriorActivity()
                .when(new CreateConfigCommand("default", "{\"targets\":[{\"provider\":\"mock\"}]}", "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("configs.document.targets[0].provider:"));
    }

    @Test
    void rejectsReferenceToUnregisteredProvider() {
        fixture.givenNoPriorActivity()
                .when(new CreateConfigCommand("default",
                        "{\"targets\":[{\"provider\":\"@mock\"},{\"provider\":\"@ghost\"}]}", "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("configs.document.targets[1].provider:"));
    }

    @Test
    void rejectsUnregisteredProviderInNestedTargets() {
        fixture.givenNoPriorActivity()
                .when(new CreateConfigCommand("default",
                        "{\"targets\":[{\"targets\":[{\"provider\":\"@ghost\"}]}]}", "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("configs.document.targets[0].targets[0].provider:"));
    }

    @Test
    void acceptsGuardrailsInForceAndPortkeyShorthand() {
        String guarded = "{\"input_guardrails\":[\"no-pii\",{\"default.regexMatch\":{\"rule\":\"x\"},"
                + "\"deny\":true}],\"targets\":[{\"provider\":\"@mock\"}]}";
        fixture.givenNoPriorActivity()
                .when(new CreateConfigCommand("guarded", guarded, "alice"))
                .expectEvents(new ConfigCreated("guarded", 1, guarded, "alice", fixture.currentTime()));
    }

    @Test
    void rejectsGuardrailThatIsNotDefinedWithItsPath() {
        fixture.givenNoPriorActivity()
                .when(new CreateConfigCommand("default", "{\"targets\":[{\"provider\":\"@mock\","
                        + "\"input_guardrails\":[\"no-pii\",\"ghost\"]}]}", "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("configs.document.targets[0].input_guardrails[1]:"));
    }

    @Test
    void rejectsTargetWithNeitherProviderNorTargets() {
        fixture.givenNoPriorActivity()
                .when(new CreateConfigCommand("default", "{\"targets\":[{\"weight\":1}]}", "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("configs.document.targets[0]:"));
    }

    @Test
    void updateProducesNextVersion() {
        fixture.given(new ConfigCreated("default", 1, SINGLE, "alice", fixture.currentTime()),
                        new ConfigUpdated("default", 2, FALLBACK, "alice", fixture.currentTime()))
                .when(new UpdateConfigCommand("default", SINGLE, "bob"))
                .expectEvents(new ConfigUpdated("default", 3, SINGLE, "bob", fixture.currentTime()));
    }

    @Test
    void updateRejectsInvalidDocumentAndKeepsVersion() {
        fixture.given(new ConfigCreated("default", 1, SINGLE, "alice", fixture.currentTime()))
                .when(new UpdateConfigCommand("default", "{\"targets\":[{\"provider\":\"@ghost\"}]}", "bob"))
                .expectException(ValidationException.class)
                .expectNoEvents();
    }

    @Test
    void updateOfUnknownConfigIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new UpdateConfigCommand("missing", SINGLE, "bob"))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void acceptsAnAllowedModelsList() {
        String doc = "{\"allowed_models\":[\"claude-sonnet-4-5\"],\"targets\":[{\"provider\":\"@mock\"}]}";
        fixture.givenNoPriorActivity()
                .when(new CreateConfigCommand("allow", doc, "alice"))
                .expectEvents(new ConfigCreated("allow", 1, doc, "alice", fixture.currentTime()));
    }

    @Test
    void rejectsAnAllowedModelsEntryThatIsNotAString() {
        fixture.givenNoPriorActivity()
                .when(new CreateConfigCommand("allow", "{\"allowed_models\":[\"claude-sonnet-4-5\",7],"
                        + "\"targets\":[{\"provider\":\"@mock\"}]}", "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith("configs.document.allowed_models[1]:"))
                .expectNoEvents();
    }

    @Test
    void rejectsAnEmptyAllowedModelsList() {
        fixture.givenNoPriorActivity()
                .when(new CreateConfigCommand("allow", "{\"allowed_models\":[],\"targets\":[{\"provider\":\"@mock\"}]}", "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith("configs.document.allowed_models:"))
                .expectNoEvents();
    }

    @Test
    void reportsTheExactPathOfANestedError() {
        fixture.givenNoPriorActivity()
                .when(new CreateConfigCommand("default", "{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":["
                        + "{\"provider\":\"@mock\"},{\"targets\":[{\"provider\":\"@mock\",\"weight\":-1}]}]}", "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage("configs.document.targets[1].targets[0].weight: must be ≥ 0")
                .expectNoEvents();
    }

    @Test
    void rejectsConditionNamingAnUnknownTarget() {
        fixture.givenNoPriorActivity()
                .when(new CreateConfigCommand("default", "{\"strategy\":{\"mode\":\"conditional\",\"conditions\":"
                        + "[{\"query\":{\"metadata.env\":\"prod\"},\"then\":\"prod\"}]},"
                        + "\"targets\":[{\"name\":\"dev\",\"provider\":\"@mock\"}]}", "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("configs.document.strategy.conditions[0].then:"))
                .expectNoEvents();
    }

    @Test
    void acceptsUnknownKeysAndStoresTheDocumentUntouched() {
        String withExtras = "{\"targets\":[{\"provider\":\"@mock\",\"virtual_key\":\"vk\"}],\"x\":1}";
        fixture.givenNoPriorActivity()
                .when(new CreateConfigCommand("extras", withExtras, "alice"))
                .expectEvents(new ConfigCreated("extras", 1, withExtras, "alice", fixture.currentTime()));
    }

    @Test
    void rollbackCopiesTheEarlierDocumentIntoANewVersion() {
        fixture.given(new ConfigCreated("default", 1, SINGLE, "alice", fixture.currentTime()),
                        new ConfigUpdated("default", 2, FALLBACK, "bob", fixture.currentTime()))
                .when(new RollbackConfigCommand("default", 1, "carol"))
                .expectEvents(new ConfigRolledBack("default", 3, 1, SINGLE, "carol", fixture.currentTime()));
    }

    @Test
    void rollbackCanRestoreAVersionThatWasItselfARollback() {
        fixture.given(new ConfigCreated("default", 1, SINGLE, "alice", fixture.currentTime()),
                        new ConfigUpdated("default", 2, FALLBACK, "bob", fixture.currentTime()),
                        new ConfigRolledBack("default", 3, 1, SINGLE, "carol", fixture.currentTime()))
                .when(new RollbackConfigCommand("default", 2, "dave"))
                .expectEvents(new ConfigRolledBack("default", 4, 2, FALLBACK, "dave", fixture.currentTime()));
    }

    @Test
    void rollbackToTheCurrentVersionIsRefused() {
        fixture.given(new ConfigCreated("default", 1, SINGLE, "alice", fixture.currentTime()),
                        new ConfigUpdated("default", 2, FALLBACK, "bob", fixture.currentTime()))
                .when(new RollbackConfigCommand("default", 2, "carol"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("version:"))
                .expectNoEvents();
    }

    @Test
    void rollbackToAnUnknownVersionIsNotFound() {
        fixture.given(new ConfigCreated("default", 1, SINGLE, "alice", fixture.currentTime()))
                .when(new RollbackConfigCommand("default", 5, "carol"))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void rollbackToVersionZeroIsNotFound() {
        fixture.given(new ConfigCreated("default", 1, SINGLE, "alice", fixture.currentTime()),
                        new ConfigUpdated("default", 2, FALLBACK, "bob", fixture.currentTime()))
                .when(new RollbackConfigCommand("default", 0, "carol"))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void rollbackRefusesADocumentWhoseProviderIsNoLongerRegistered() {
        String ghost = "{\"targets\":[{\"provider\":\"@ghost\"}]}";
        fixture.given(new ConfigCreated("default", 1, ghost, "alice", fixture.currentTime()),
                        new ConfigUpdated("default", 2, SINGLE, "bob", fixture.currentTime()))
                .when(new RollbackConfigCommand("default", 1, "carol"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("configs.document.targets[0].provider:"))
                .expectNoEvents();
    }

    @Test
    void rollbackOfUnknownConfigIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new RollbackConfigCommand("missing", 1, "carol"))
                .expectException(AggregateNotFoundException.class);
    }
}
