package io.turnpike.aggregates;

import io.turnpike.events.admin.ApiKeyIssued;
import io.turnpike.events.admin.ApiKeyRevoked;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

class ApiKeyTest {
    private static final String KEY_ID = "key_abcdefghij234567abcd";
    private static final String HASH = ApiKeys.hash("tp-example");
    private static final Map<String, String> TEAM = Map.of("team", "search", "env", "prod");

    private AggregateTestFixture<ApiKey> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiKey.class);
        fixture.registerInjectableResource(new FakeReferences().withConfig("default"));
    }

    private IssueApiKeyCommand issue(String name, String configId, Map<String, String> metadata) {
        return new IssueApiKeyCommand(KEY_ID, name, HASH, "tp-example", configId, metadata, false, "alice");
    }

    private ApiKeyIssued issued() {
        return new ApiKeyIssued(KEY_ID, "search prod", HASH, "tp-example", "default", TEAM, "alice",
                fixture.currentTime());
    }

    @Test
    void issuesKeyRecordingOnlyHashAndPrefix() {
        fixture.givenNoPriorActivity()
                .when(issue("search prod", "default", TEAM))
                .expectEvents(issued());
    }

    @Test
    void recordsThatAKeyMayOverrideItsConfigPerRequest() {
        fixture.givenNoPriorActivity()
                .when(new IssueApiKeyCommand(KEY_ID, "search prod", HASH, "tp-example", "default", TEAM, true, "alice"))
                .expectEvents(new ApiKeyIssued(KEY_ID, "search prod", HASH, "tp-example", "default", TEAM, "alice",
                        fixture.currentTime(), Boolean.TRUE));
    }

    @Test
    void rejectsIssuingAnExistingKeyIdAsConflict() {
        fixture.given(issued())
                .when(issue("search prod", "default", TEAM))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsKeyForUnknownConfig() {
        fixture.givenNoPriorActivity()
                .when(issue("search prod", "missing", TEAM))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("keys.config_id:"));
    }

    @Test
    void rejectsEmptyName() {
        fixture.givenNoPriorActivity()
                .when(issue("", "default", TEAM))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("keys.name:"));
    }

    @Test
    void rejectsNameLongerThan128Characters() {
        fixture.givenNoPriorActivity()
                .when(issue("n".repeat(129), "default", TEAM))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("keys.name:"));
    }

    @Test
    void rejectsMetadataValueLongerThan128Characters() {
        fixture.givenNoPriorActivity()
                .when(issue("search prod", "default", Map.of("team", "t".repeat(129))))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("keys.metadata.team:"));
    }

    @Test
    void rejectsHashThatIsNotSha256Hex() {
        fixture.givenNoPriorActivity()
                .when(new IssueApiKeyCommand(KEY_ID, "n", "tp-plaintext-by-mistake", "tp-plainte", "default",
                        Map.of(), false, "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("keys.key_hash:"));
    }

    @Test
    void revokesActiveKey() {
        fixture.given(issued())
                .when(new RevokeApiKeyCommand(KEY_ID, "bob"))
                .expectEvents(new ApiKeyRevoked(KEY_ID, "bob", fixture.currentTime()));
    }

    @Test
    void rejectsRevokingTwice() {
        fixture.given(issued(), new ApiKeyRevoked(KEY_ID, "bob", fixture.currentTime()))
                .when(new RevokeApiKeyCommand(KEY_ID, "bob"))
                .expectException(ConflictException.class)
                .expectExceptionMessage(containsString("already revoked"))
                .expectNoEvents();
    }

    @Test
    void revokingUnknownKeyIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new RevokeApiKeyCommand(KEY_ID, "bob"))
                .expectException(AggregateNotFoundException.class);
    }
}
