package io.turnpike.aggregates.providers;

import io.turnpike.aggregates.ConflictException;
import io.turnpike.aggregates.ValidationException;
import io.turnpike.events.admin.ProviderRegistered;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.startsWith;

class ProviderTest {
    private static final String SEALED = "v1:c2VhbGVkLXNlY3JldC1ieXRlcw==";

    private AggregateTestFixture<Provider> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Provider.class);
    }

    @Test
    void registersMockProviderWithoutSecret() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProviderCommand("mock-1", "mock", Map.of(), null, "alice"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProviderRegistered("mock-1", "mock", Map.of(), null, "alice", fixture.currentTime()));
    }

    @Test
    void registersAnthropicProviderWithSealedSecretAndBaseUrl() {
        Map<String, String> settings = Map.of("base_url", "https://api.anthropic.com");
        fixture.givenNoPriorActivity()
                .when(new RegisterProviderCommand("anthropic", "anthropic", settings, SEALED, "alice"))
                .expectEvents(new ProviderRegistered("anthropic", "anthropic", settings, SEALED, "alice",
                        fixture.currentTime()));
    }

    @Test
    void acceptsBedrockAndVertexSoTheyCanBeStoredBeforeTheyAreRouted() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProviderCommand("bedrock-eu", "bedrock", Map.of("region", "eu-west-1"), null, "alice"))
                .expectEvents(new ProviderRegistered("bedrock-eu", "bedrock", Map.of("region", "eu-west-1"), null,
                        "alice", fixture.currentTime()));
    }

    @Test
    void rejectsBedrockWithoutRegion() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProviderCommand("bedrock-x", "bedrock", Map.of(), null, "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("providers.region:"))
                .expectNoEvents();
    }

    @Test
    void rejectsVertexWithoutProject() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProviderCommand("vertex-x", "vertex", Map.of("region", "global"), null, "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("providers.project_id:"))
                .expectNoEvents();
    }

    @Test
    void rejectsEndpointUrlThatIsNotHttp() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProviderCommand("bedrock-y", "bedrock",
                        Map.of("region", "us-east-1", "endpoint_url", "ftp://x"), null, "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("providers.settings.endpoint_url:"))
                .expectNoEvents();
    }

    @Test
    void rejectsRegisteringAnExistingProviderAsConflict() {
        fixture.given(new ProviderRegistered("mock-1", "mock", Map.of(), null, "alice", fixture.currentTime()))
                .when(new RegisterProviderCommand("mock-1", "mock", Map.of(), null, "bob"))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsIdThatIsNotLowercaseSlug() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProviderCommand("Mock_1", "mock", Map.of(), null, "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("providers.id:"))
                .expectNoEvents();
    }

    @Test
    void rejectsUnknownType() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProviderCommand("openai", "openai", Map.of(), null, "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("providers.type:"));
    }

    @Test
    void rejectsAnthropicProviderWithoutSecret() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProviderCommand("anthropic", "anthropic", Map.of(), null, "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("providers.api_key:"));
    }

    @Test
    void rejectsBaseUrlThatIsNotAbsoluteHttp() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProviderCommand("mock-1", "mock", Map.of("base_url", "ftp://example.com"), null,
                        "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("providers.settings.base_url:"));
    }

    @Test
    void rejectsPlaintextApiKeyPassedAsSetting() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProviderCommand("anthropic", "anthropic", Map.of("api_key", "sk-ant-plain"), SEALED,
                        "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("providers.settings.api_key:"));
    }

    @Test
    void rejectsMissingActor() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProviderCommand("mock-1", "mock", Map.of(), null, " "))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("actor:"));
    }
}
